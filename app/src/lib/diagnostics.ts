import type { LogEntry } from '../session/activity-log';
import type { SessionState } from '../session/session-store';
import { missingScopes } from '../session/scopes';

/**
 * A diagnostics file a user can attach to a bug report. Built by a pure function, then passed
 * through a scrubber that removes anything token-like, so the shared token, device tokens and
 * config secrets never end up in it, even if a future field starts carrying them.
 */

export const DIAGNOSTICS_FORMAT = 'clawscope-diagnostics/1';
export const DIAGNOSTICS_LOG_LIMIT = 200;

/** Keys whose values are secrets or bound to one (signatures, nonces, keys, capability ids). */
export const SECRET_KEY =
  /token|secret|password|signature|nonce|publicKey|privateKey|recoveryScope|apiKey|authorization|cookie/i;
/** What the gateway sends instead of a secret (config.get); dropped as well, it only says "a secret was here". */
export const REDACTED_MARK = '__OPENCLAW_REDACTED__';
export const REMOVED = '[removed]';
/** Plugin surface URLs carry a capability secret in their path. */
const CAPABILITY_URL = /\/__openclaw__\/cap\//;
/** A secret cut short (close reasons are truncated) still leaks this much; shorter fragments are not matched. */
const FRAGMENT = 12;

export type DiagnosticsState = Pick<
  SessionState,
  | 'status'
  | 'gatewayUrl'
  | 'requestedScopes'
  | 'presented'
  | 'deviceId'
  | 'hello'
  | 'error'
  | 'lastClose'
  | 'timeline'
  | 'pairingWait'
  | 'resyncs'
>;

export type DiagnosticsOptions = {
  /** Every secret the dashboard knows (shared token, device tokens): removed wherever they appear. */
  secrets?: readonly (string | undefined | null)[];
  appVersion?: string;
  userAgent?: string;
};

export function buildDiagnostics(
  state: DiagnosticsState,
  logEntries: readonly LogEntry[],
  now: number,
  opts: DiagnosticsOptions = {},
) {
  const hello = state.hello;
  const granted = hello?.scopes ?? [];
  const recent = logEntries.slice(-DIAGNOSTICS_LOG_LIMIT);
  const report = {
    format: DIAGNOSTICS_FORMAT,
    generatedAt: new Date(now).toISOString(),
    dashboard: {
      version: opts.appVersion ?? (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown'),
      ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    },
    gateway: {
      url: state.gatewayUrl,
      version: hello?.serverVersion ?? null,
      protocol: hello?.protocol ?? null,
    },
    session: {
      status: state.status,
      presented: state.presented,
      deviceId: state.deviceId,
      resyncs: state.resyncs,
    },
    scopes: {
      requested: state.requestedScopes,
      granted,
      /** False when hello-ok had no auth block: the grant is read as empty. */
      stated: hello?.scopesStated ?? false,
      missing: hello ? missingScopes(state.requestedScopes, granted) : state.requestedScopes,
    },
    hello,
    timeline: state.timeline,
    lastClose: state.lastClose,
    lastError: state.error,
    pairingWait: state.pairingWait,
    log: {
      order: 'oldest first',
      total: logEntries.length,
      included: recent.length,
      entries: recent,
    },
  };
  return scrub(report, opts.secrets ?? []) as typeof report;
}

/**
 * Deep copy without secrets: values under secret-looking keys, the gateway's redaction mark,
 * capability URLs, and any string that contains a known secret (or a long piece of one) become
 * "[removed]". Booleans and numbers under secret-looking keys stay (`deviceTokenIssued: true`
 * says a token exists, not what it is).
 */
export function scrub(value: unknown, secrets: readonly (string | undefined | null)[] = []): unknown {
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length > 0))];
  const seen = new WeakSet<object>();
  const leaks = (s: string) =>
    s.includes(REDACTED_MARK) || CAPABILITY_URL.test(s) || known.some((secret) => containsSecret(s, secret));

  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return leaks(v) ? REMOVED : v;
    if (v === null || typeof v !== 'object')
      return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? undefined : v;
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      if (SECRET_KEY.test(k) && child !== null && typeof child !== 'boolean' && typeof child !== 'number') {
        out[k] = REMOVED;
        continue;
      }
      // Keys can leak too (a map keyed by token).
      const key = leaks(k) ? `${REMOVED}#${Object.keys(out).length}` : k;
      out[key] = walk(child);
    }
    return out;
  };
  return walk(value);
}

function containsSecret(s: string, secret: string): boolean {
  if (s.includes(secret)) return true;
  if (secret.length < FRAGMENT * 2) return false;
  // A truncated close reason or message can hold the head or tail of a secret.
  for (let i = 0; i + FRAGMENT <= secret.length; i += 4) {
    if (s.includes(secret.slice(i, i + FRAGMENT))) return true;
  }
  return s.includes(secret.slice(-FRAGMENT));
}

/** `clawscope-diagnostics-127.0.0.1-18789-2026-09-30T10-11-12Z.json` */
export function diagnosticsFileName(gatewayUrl: string, now: number): string {
  let host = 'gateway';
  try {
    host = new URL(gatewayUrl).host.replace(/[^\w.-]+/g, '-');
  } catch {
    /* keep the default */
  }
  const stamp = new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `clawscope-diagnostics-${host}-${stamp}.json`;
}
