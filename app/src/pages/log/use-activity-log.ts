import { useMemo, useSyncExternalStore } from 'react';
import { useGateway } from '../../lib/gateway-context';
import type { LogEntry } from '../../session/activity-log';
import { toRows, type LogRow } from './log-model';

/** The session's activity log, live. `entries()` keeps its reference until the log changes. */
export function useActivityLog(): readonly LogEntry[] {
  const gw = useGateway();
  return useSyncExternalStore(gw.log.subscribe, gw.log.entries, gw.log.entries);
}

/** Newest first, with seq gaps attached to their events. */
export function useLogRows(): LogRow[] {
  const entries = useActivityLog();
  return useMemo(() => toRows(entries), [entries]);
}
