/**
 * "now", "in 42 s", "5 min ago", "in 2 h 20 min", "30 h ago", "3 d ago"; floored, for labels (the exact
 * time goes in a title). `past` is for times that cannot be in the future (last seen, created…): a fresh
 * one, or one a skewed clock puts ahead, reads "just now". A missing time reads "—".
 */
export function relativeTime(ms: number | null | undefined, now: number, { past = false } = {}): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const diff = ms - now;
  if (past && diff > -5_000) return 'just now';
  const abs = Math.abs(diff);
  const wrap = (s: string) => (diff >= 0 ? `in ${s}` : `${s} ago`);
  if (abs < 1_000) return 'now';
  if (abs < 60_000) return wrap(`${Math.floor(abs / 1_000)} s`);
  if (abs < 3_600_000) return wrap(`${Math.floor(abs / 60_000)} min`);
  if (abs < 48 * 3_600_000) {
    const h = Math.floor(abs / 3_600_000);
    const m = Math.floor((abs % 3_600_000) / 60_000);
    return wrap(h < 10 && m > 0 ? `${h} h ${m} min` : `${h} h`);
  }
  return wrap(`${Math.floor(abs / 86_400_000)} d`);
}

/**
 * A relative time in a <time> element, with the exact time in its title (the local time unless given).
 * `future` is for next-run times: once passed, the run is due (or under way), not "3 s ago".
 */
export function RelativeTime({
  ms,
  now,
  past,
  future,
  title,
  className = '',
}: {
  ms: number | null | undefined;
  now: number;
  past?: boolean;
  future?: boolean;
  title?: string;
  className?: string;
}) {
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    return <span className={`text-zinc-500 dark:text-zinc-400 ${className}`}>—</span>;
  const d = new Date(ms);
  return (
    <time
      dateTime={d.toISOString()}
      title={title ?? d.toLocaleString()}
      className={`whitespace-nowrap tabular-nums ${className}`}
    >
      {future && ms <= now ? 'due now' : relativeTime(ms, now, { past })}
    </time>
  );
}
