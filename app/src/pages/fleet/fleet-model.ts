import type { Tone } from '../../ui/badge';
import type { Count, ProbeResult } from '../../session/probe';
import { DEFAULT_SCOPES, missingScopes } from '../../session/scopes';

/** One table cell: short text, a tone, and the longer reason for the title / screen readers. */
export type Cell = { text: string; tone: Tone; detail?: string };

const short = (scope: string) => scope.replace(/^operator\./, '');

const REFUSALS: Record<string, [string, string]> = {
  AUTH_DEVICE_TOKEN_MISMATCH: [
    'device token refused',
    'Its device token was rotated or revoked: open it and pair again.',
  ],
  AUTH_TOKEN_MISMATCH: ['token refused', 'The shared token this tab holds is wrong: open it and paste the right one.'],
  AUTH_SCOPE_MISMATCH: [
    'scope mismatch',
    'The stored device token was issued for fewer scopes: open it and pair again.',
  ],
  AUTH_RATE_LIMITED: ['locked out', 'Too many failed sign-ins from this origin: wait, then check again.'],
  PAIRING_REQUIRED: ['waiting for approval', 'Approve this browser there (Devices page or openclaw devices approve).'],
  CONTROL_UI_ORIGIN_NOT_ALLOWED: [
    'origin not allowed',
    'Open it: the Session page names the allowedOrigins entry to add.',
  ],
};

export function reachCell(r: ProbeResult): Cell {
  if (r.outcome === 'unreachable') return { text: 'not reachable', tone: 'bad', detail: r.error?.message };
  if (r.outcome === 'timeout') return { text: 'no answer', tone: 'bad', detail: r.error?.message };
  return { text: 'reachable', tone: 'good' };
}

export function grantCell(r: ProbeResult): Cell {
  if (r.outcome === 'no-credential')
    return {
      text: 'needs pairing / token',
      tone: 'warn',
      detail:
        'This browser holds no device token for it and this tab no shared token: open it with its token and pair.',
    };
  if (r.outcome === 'refused') {
    const code = r.error?.detailCode ?? r.error?.code ?? 'refused';
    const [text, detail] = REFUSALS[code] ?? [code, r.error?.message ?? 'The gateway refused the connection.'];
    return { text, tone: code === 'PAIRING_REQUIRED' ? 'warn' : 'bad', detail };
  }
  if (r.outcome !== 'ok') return { text: '—', tone: 'neutral', detail: 'Not reachable, so not known.' };
  if (r.granted.length === 0)
    return {
      text: 'limited: no scopes',
      tone: 'warn',
      detail:
        r.credential === 'token'
          ? 'Signed in with the shared token but not paired: open it and pair this browser.'
          : 'The gateway granted nothing.',
    };
  const missing = missingScopes(DEFAULT_SCOPES, r.granted);
  if (missing.length === 0) return { text: 'full', tone: 'good', detail: r.granted.join(', ') };
  return {
    text: `limited: ${r.granted.map(short).join(', ')}`,
    tone: 'warn',
    detail: `Missing ${missing.join(', ')}.`,
  };
}

export function countCell(c: Count, what: string): Cell {
  if ('why' in c) return { text: '—', tone: 'neutral', detail: `Cannot count ${what}: ${c.why}.` };
  const text = `${c.n}${c.more ? '+' : ''}`;
  return {
    text,
    tone: c.n > 0 ? 'warn' : 'neutral',
    detail: `${text} ${what}${c.more ? ' in the first 200 jobs' : ''}`,
  };
}

export function versionText(r: ProbeResult): string {
  if (!r.serverVersion) return '—';
  return `${r.serverVersion}${r.protocol ? ` · protocol ${r.protocol}` : ''}`;
}
