import type { LogEntry } from '../../session/activity-log';

export type LogKind = LogEntry['kind'];
export type LogFilter = { kind: LogKind | 'all'; text: string; errorsOnly: boolean };
export const NO_FILTER: LogFilter = { kind: 'all', text: '', errorsOnly: false };

/** A log entry as the panel shows it: events carry the seq they should have had when one was skipped. */
export type LogRow = LogEntry & { gapExpected?: number; isGapNotice?: boolean };

const GAP_NOTICE = /^event seq gap: expected (\d+), got (\d+)/;

/**
 * Newest first, with seq gaps attached to the event that revealed them. The session records a gap
 * as a 'problem' entry right before the event whose seq jumped; `entry.gap` is honoured too.
 */
export function toRows(entries: readonly LogEntry[]): LogRow[] {
  const rows: LogRow[] = new Array(entries.length);
  let pendingGap: { expected: number; got: number } | null = null;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    let row: LogRow = e;
    if (e.kind === 'problem') {
      const m = GAP_NOTICE.exec(e.message);
      if (m) {
        pendingGap = { expected: Number(m[1]), got: Number(m[2]) };
        row = { ...e, isGapNotice: true };
      }
    } else if (e.kind === 'event') {
      if (e.gap) row = { ...e, gapExpected: e.gap.expected };
      else if (pendingGap && e.seq === pendingGap.got) row = { ...e, gapExpected: pendingGap.expected };
      pendingGap = null;
    }
    rows[entries.length - 1 - i] = row;
  }
  return rows;
}

export function isError(row: LogRow): boolean {
  if (row.kind === 'request') return row.ok === false;
  if (row.kind === 'event') return row.gapExpected !== undefined;
  return true;
}

function haystack(row: LogRow): string {
  switch (row.kind) {
    case 'request':
      return `${row.method} ${row.scope ?? ''} ${row.errorCode ?? ''} ${row.errorMessage ?? ''} ${row.ok === false ? 'error' : row.ok ? 'ok' : 'pending'}`;
    case 'event':
      return `${row.event} ${row.seq ?? ''} ${row.gapExpected !== undefined ? 'gap' : ''}`;
    case 'problem':
      return row.message;
  }
}

export function filterRows(rows: readonly LogRow[], f: LogFilter): LogRow[] {
  const needle = f.text.trim().toLowerCase();
  if (f.kind === 'all' && !needle && !f.errorsOnly) return rows as LogRow[];
  return rows.filter(
    (r) =>
      (f.kind === 'all' || r.kind === f.kind) &&
      (!f.errorsOnly || isError(r)) &&
      (!needle || haystack(r).toLowerCase().includes(needle)),
  );
}

export function countByKind(rows: readonly LogRow[]) {
  const counts = { all: rows.length, request: 0, event: 0, problem: 0, errors: 0 };
  for (const r of rows) {
    counts[r.kind]++;
    if (isError(r)) counts.errors++;
  }
  return counts;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** 10:11:12.345 in local time. */
export function formatClock(atMs: number): string {
  const d = new Date(atMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
