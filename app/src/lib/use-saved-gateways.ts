import { useCallback, useSyncExternalStore } from 'react';
import { GATEWAYS_KEY, loadGateways, removeGateway, saveGateway, type SavedGateway } from '../session/gateways-list';
import { loadToken } from '../session/target';

/** The saved gateways, live across tabs (the `storage` event) and within this one. */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
let cache: { raw: string | null; list: SavedGateway[] } = { raw: null, list: [] };

function snapshot(): SavedGateway[] {
  const raw = localStorage.getItem(GATEWAYS_KEY);
  if (raw !== cache.raw) cache = { raw, list: loadGateways(localStorage) };
  return cache.list;
}

function subscribe(l: () => void) {
  listeners.add(l);
  window.addEventListener('storage', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', l);
  };
}

export function useSavedGateways() {
  const list = useSyncExternalStore(subscribe, snapshot);
  const save = useCallback((entry: { label: string; url: string }, secrets: readonly (string | undefined)[] = []) => {
    // The tokens this tab holds for that gateway may never become a label.
    const result = saveGateway(localStorage, entry, [...secrets, loadToken(sessionStorage, entry.url)]);
    notify();
    return result;
  }, []);
  const remove = useCallback((url: string) => {
    removeGateway(localStorage, url);
    notify();
  }, []);
  return { list, save, remove };
}
