import type { ReactNode } from 'react';
import { useGranted, useReady, useSession } from '../../lib/gateway-context';
import { satisfies } from '../../session/scopes';
import { Button } from '../../ui/button';
import type { Access } from './permissions';

export function useAccess(): Access {
  const ready = useReady();
  const granted = useGranted();
  const credential = useSession((s) => s.presented.credential);
  const deviceId = useSession((s) => (s.presented.device ? s.deviceId : null));
  return { ready, granted, credential, deviceId };
}

/** Scope chips; the ones this session does not hold are marked, since approving them would fail. */
export function ScopeList({
  scopes,
  granted,
  markMissing = false,
  empty = 'none',
}: {
  scopes: readonly string[];
  granted?: readonly string[];
  markMissing?: boolean;
  empty?: string;
}) {
  if (scopes.length === 0) return <span className="text-xs text-zinc-500">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((s) => {
        const missing = markMissing && granted ? !satisfies(granted, s) : false;
        return (
          <li
            key={s}
            title={missing ? `this session does not hold ${s}` : s}
            className={`rounded px-1.5 py-0.5 font-mono text-[11px] leading-4 ring-1 ring-inset ${
              missing
                ? 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-300 dark:ring-red-800'
                : 'bg-zinc-50 text-zinc-700 ring-zinc-200 dark:bg-zinc-800/60 dark:text-zinc-300 dark:ring-zinc-700'
            }`}
          >
            {s}
            {missing && <span className="sr-only"> (not held by this session)</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** A button that, when it cannot be used, says why in its title; the visible text comes from <Reasons>. */
export function ActionButton({
  reason,
  children,
  variant = 'secondary',
  busy = false,
  onClick,
}: {
  reason: string | null;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  busy?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant={variant}
      disabled={reason !== null || busy}
      title={reason ?? undefined}
      onClick={onClick}
      className="whitespace-nowrap px-2.5 py-1 text-xs"
    >
      {children}
    </Button>
  );
}

/** Visible reasons for disabled actions, one line per distinct reason: "Approve: needs operator.pairing". */
export function Reasons({ items }: { items: [action: string, reason: string | null][] }) {
  const byReason = new Map<string, string[]>();
  for (const [action, reason] of items) if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), action]);
  if (byReason.size === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-amber-800 dark:text-amber-300" data-testid="disabled-reasons">
      {[...byReason].map(([reason, actions]) => (
        <li key={reason}>
          <span className="font-medium">{actions.join(', ')}</span>: {reason}
        </li>
      ))}
    </ul>
  );
}

/** A failed action's message, shown where the action was. */
export function InlineError({ children }: { children: ReactNode }) {
  return (
    <p
      role="alert"
      className="break-words rounded-md border border-red-300 bg-red-50 px-2.5 py-1.5 text-xs text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200"
    >
      {children}
    </p>
  );
}
