/** Presence cache keys, apart from the query options so the event bridge (in the entry, before React) needs no React. */
export const presenceKeys = {
  all: () => ['presence'] as const,
  list: () => ['presence', 'list'] as const,
};
