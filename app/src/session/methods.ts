/**
 * The gateway methods this dashboard calls, with the scope each needs
 * (from the 2026.9.6 method table, verified live; see shared/method-scopes.json).
 * `mutates` marks calls that must never be re-sent automatically.
 */
export const METHODS = {
  health: { scope: null, mutates: false },
  status: { scope: 'operator.read', mutates: false },
  'system-presence': { scope: 'operator.read', mutates: false },
  'config.get': { scope: 'operator.read', mutates: false },
  'cron.status': { scope: 'operator.read', mutates: false },
  'cron.list': { scope: 'operator.read', mutates: false },
  'cron.get': { scope: 'operator.read', mutates: false },
  'cron.runs': { scope: 'operator.read', mutates: false },
  'cron.add': { scope: 'operator.admin', mutates: true },
  'cron.update': { scope: 'operator.admin', mutates: true },
  'cron.remove': { scope: 'operator.admin', mutates: true },
  'cron.run': { scope: 'operator.admin', mutates: true },
  'device.pair.list': { scope: 'operator.pairing', mutates: false },
  'device.pair.approve': { scope: 'operator.pairing', mutates: true },
  'device.pair.reject': { scope: 'operator.pairing', mutates: true },
  'device.pair.remove': { scope: 'operator.pairing', mutates: true },
  'device.pair.rename': { scope: 'operator.pairing', mutates: true },
  'device.token.rotate': { scope: 'operator.pairing', mutates: true },
  'device.token.revoke': { scope: 'operator.pairing', mutates: true },
  'device.scopes.requestUpgrade': { scope: null, mutates: true },
  'device.scopes.waitUpgrade': { scope: null, mutates: false },
} as const satisfies Record<string, { scope: string | null; mutates: boolean }>;

export type Method = keyof typeof METHODS;

/** The methods the Session page probes live, in display order. */
export const PROBED_METHODS = [
  'status',
  'system-presence',
  'config.get',
  'cron.list',
  'cron.add',
  'cron.run',
  'cron.runs',
  'device.pair.list',
] as const satisfies readonly Method[];

export function scopeFor(method: string): string | null {
  return (METHODS as Record<string, { scope: string | null }>)[method]?.scope ?? null;
}
