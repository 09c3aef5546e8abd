/** Every request sent and event received, newest last, capped in memory. */
export type LogEntry =
  | {
      kind: 'request';
      id: string;
      atMs: number;
      method: string;
      scope: string | null;
      paramsBytes: number;
      durationMs?: number;
      ok?: boolean;
      errorCode?: string;
      errorMessage?: string;
    }
  | { kind: 'event'; id: string; atMs: number; event: string; seq?: number; bytes: number; gap?: { expected: number } }
  | { kind: 'problem'; id: string; atMs: number; message: string };

export function createActivityLog(cap = 1000) {
  let entries: LogEntry[] = [];
  const listeners = new Set<() => void>();
  let n = 0;
  const notify = () => listeners.forEach((l) => l());
  return {
    nextId: () => `l${++n}`,
    add(entry: LogEntry) {
      entries = entries.length >= cap ? [...entries.slice(entries.length - cap + 1), entry] : [...entries, entry];
      notify();
    },
    update(id: string, patch: Partial<LogEntry>) {
      entries = entries.map((e) => (e.id === id ? ({ ...e, ...patch } as LogEntry) : e));
      notify();
    },
    entries: () => entries,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
