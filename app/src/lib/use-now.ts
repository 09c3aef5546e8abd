import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` while mounted: for countdowns and "3 min ago". */
export function useNow(ms = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
