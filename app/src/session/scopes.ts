/** The eight operator scopes, in the order the gateway documents them. */
export const OPERATOR_SCOPES = [
  'operator.read',
  'operator.write',
  'operator.admin',
  'operator.approvals',
  'operator.pairing',
  'operator.questions',
  'operator.talk',
  'operator.talk.secrets',
] as const;

export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

/** What the dashboard asks for by default: enough to read, change cron jobs and manage pairing. */
export const DEFAULT_SCOPES: readonly string[] = [
  'operator.read',
  'operator.write',
  'operator.admin',
  'operator.pairing',
  'operator.approvals',
];

/** Gateway rule: admin satisfies everything; write satisfies read and talk; the rest need an exact match. */
export function satisfies(granted: readonly string[], needed: string): boolean {
  if (granted.includes(needed) || granted.includes('operator.admin')) return true;
  if (granted.includes('operator.write')) return needed === 'operator.read' || needed === 'operator.talk';
  return false;
}

/** Why a scope is held: directly granted, or implied by a broader one. */
export type Holding = { held: true; via: 'granted' | 'operator.admin' | 'operator.write' } | { held: false };

export function holding(granted: readonly string[], scope: string): Holding {
  if (granted.includes(scope)) return { held: true, via: 'granted' };
  if (granted.includes('operator.admin')) return { held: true, via: 'operator.admin' };
  if (granted.includes('operator.write') && (scope === 'operator.read' || scope === 'operator.talk')) {
    return { held: true, via: 'operator.write' };
  }
  return { held: false };
}

/** Scopes asked for but neither granted nor implied. */
export function missingScopes(requested: readonly string[], granted: readonly string[]): string[] {
  return requested.filter((s) => !satisfies(granted, s));
}
