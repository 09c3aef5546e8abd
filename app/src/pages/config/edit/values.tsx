import { REDACTED } from '../../../lib/config-tree';
import { Badge } from '../../../ui/badge';

/** A value as one line of text: strings quoted, secrets never. */
export function showValue(value: unknown): string {
  if (value === REDACTED) return 'secret (redacted)';
  if (value === undefined) return '(not set)';
  const s = JSON.stringify(value, (_k, v: unknown) => (v === REDACTED ? '‹secret›' : v)) ?? String(value);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

export function ReloadBadge({ kind, known = true }: { kind: 'hot' | 'restart' | 'none' | null; known?: boolean }) {
  if (!known) return <Badge>reload: checking…</Badge>;
  if (kind === 'hot')
    return (
      <Badge tone="good" title="The running gateway applies this at once.">
        applies at once
      </Badge>
    );
  if (kind === 'none')
    return (
      <Badge tone="good" title="Read on next use; nothing to reload.">
        no reload needed
      </Badge>
    );
  if (kind === 'restart')
    return (
      <Badge tone="warn" title="The gateway applies this only after it restarts.">
        needs restart
      </Badge>
    );
  return (
    <Badge title="This gateway's schema does not say whether the key hot-reloads (2026.3.x); the gateway decides, and may restart by itself.">
      reload kind not reported
    </Badge>
  );
}
