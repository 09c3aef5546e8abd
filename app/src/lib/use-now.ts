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

/**
 * The current time for relative labels of `instants` ("in 42 s", "5 min ago": floored seconds under a minute,
 * then minutes), refreshed when the first of those labels can change, and at least every `maxMs`. A list whose
 * times are minutes away re-renders once a minute instead of every second. Pass a memoized array.
 */
export function useLabelClock(instants: readonly (number | null | undefined)[], maxMs = 60_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setTimeout(() => setNow(Date.now()), nextLabelChange(instants, Date.now(), maxMs));
    return () => clearTimeout(t);
  }, [instants, now, maxMs]);
  return now;
}

/** ms until the soonest relative label of `instants` can change (at least 1 s, at most `maxMs`). */
export function nextLabelChange(instants: readonly (number | null | undefined)[], now: number, maxMs: number) {
  let next = maxMs;
  for (const at of instants) {
    if (typeof at !== 'number' || !Number.isFinite(at)) continue;
    const d = Math.abs(at - now);
    const unit = d < 61_000 ? 1_000 : 60_000;
    const r = d % unit;
    // A future time's floored label drops once d passes below a multiple of the unit; a past one's rises at the next.
    const wait = (at > now ? r : unit - r) + 1;
    if (wait < next) next = wait;
    if (next <= 1_000) return 1_000;
  }
  return Math.max(1_000, next);
}
