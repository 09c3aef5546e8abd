import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../session/activity-log';
import { initialSessionState } from '../session/session-store';
import { REDACTED_MARK, buildDiagnostics, diagnosticsFileName, scrub, type DiagnosticsState } from './diagnostics';

// Shapes as the real 2026.9.6 gateway sends them (PROTOCOL.md §2.1, §4, §8).
const SHARED = 'b1e6c0a6f3d94f8e9c1a7d2e5b8f0c3a9e4d7b2a';
const DEVICE_TOKEN = 'Zx9_kQ2mPn7vR4tLw8yB3cF6hJ1sD5gA0eU-iO2rT7u';
const RECOVERY = 'q8Wm2Lk5Pz3Xn7Rv1Tb4Yc6Hd9Jf0Gs2Ae5Iu8Oo3Ee';
const CAPABILITY = 'cap_4f9a1c7e2b8d6f3a0c5e9b1d7f2a8c4e';
const NOW = Date.UTC(2026, 8, 30, 10, 11, 12, 345);

function realisticState(): DiagnosticsState {
  const base = initialSessionState('ws://127.0.0.1:18789');
  // The summary the session keeps, plus the raw hello-ok's secret-bearing parts, as a later
  // summary that copied more of hello-ok might carry them.
  const hello = {
    protocol: 4,
    serverVersion: '2026.9.6',
    connId: '6f1c2a4e-0b7d-4c1e-9a3f-2d5b8e7c6a10',
    authMethod: 'token',
    role: 'operator',
    scopes: ['operator.read', 'operator.write', 'operator.admin', 'operator.pairing', 'operator.approvals'],
    scopesStated: true,
    deviceTokenIssued: true,
    issuedAtMs: 1795626266237,
    appliedConfigHash: 'hmac-sha256:v1:Jt0bq1',
    uptimeMs: 60425,
    tickIntervalMs: 30000,
    auth: { method: 'token', deviceToken: DEVICE_TOKEN, recoveryScope: RECOVERY, recoveryMigrationAllowed: true },
    pluginSurfaceUrls: { canvas: `http://127.0.0.1:18789/__openclaw__/cap/${CAPABILITY}` },
    snapshot: {
      configPath: '/home/u/.openclaw/openclaw.json',
      gateway: { auth: { mode: 'token', token: REDACTED_MARK } },
    },
  } as unknown as NonNullable<DiagnosticsState['hello']>;
  return {
    ...base,
    status: 'ready',
    requestedScopes: ['operator.read', 'operator.write', 'operator.admin', 'operator.pairing', 'operator.approvals'],
    presented: { device: true, credential: 'token' },
    deviceId: '5d0c8e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5',
    hello,
    error: {
      code: 'INVALID_REQUEST',
      detailCode: 'AUTH_TOKEN_MISMATCH',
      message: `unauthorized: gateway token mismatch (got ${SHARED})`,
      recommendedNextStep: 'retry_with_device_token',
      canRetryWithDeviceToken: true,
    },
    // Close reasons are truncated to about 123 bytes: only the head of the token survives.
    lastClose: { code: 1008, reason: `unauthorized: device token ${DEVICE_TOKEN.slice(0, 20)}`, atMs: NOW - 5000 },
    timeline: [
      { phase: 'start', atMs: NOW - 900, sinceStartMs: 0, detail: 'ws://127.0.0.1:18789' },
      { phase: 'challenge', atMs: NOW - 880, sinceStartMs: 20 },
      { phase: 'connect-sent', atMs: NOW - 870, sinceStartMs: 30, detail: `auth token=${SHARED}` },
      { phase: 'hello-ok', atMs: NOW - 850, sinceStartMs: 50, detail: 'protocol 4, 5 scopes' },
    ],
  };
}

function realisticLog(n: number): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const atMs = NOW - (n - i) * 100;
    if (i % 3 === 0) entries.push({ kind: 'event', id: `l${i}`, atMs, event: 'tick', seq: i, bytes: 20 });
    else
      entries.push({
        kind: 'request',
        id: `l${i}`,
        atMs,
        method: 'status',
        scope: 'operator.read',
        paramsBytes: 2,
        durationMs: 4,
        ok: true,
      });
  }
  entries.push(
    {
      kind: 'request',
      id: 'cfg',
      atMs: NOW - 30,
      method: 'config.patch',
      scope: 'operator.admin',
      paramsBytes: 120,
      durationMs: 9,
      ok: false,
      errorCode: 'INVALID_REQUEST',
      errorMessage: `invalid config: gateway.auth.token: expected string, received "${REDACTED_MARK}"`,
    },
    { kind: 'problem', id: 'p1', atMs: NOW - 20, message: `callback: cannot store ${DEVICE_TOKEN}` },
    { kind: 'event', id: 'gap', atMs: NOW - 10, event: 'presence', seq: 12, bytes: 800, gap: { expected: 9 } },
  );
  return entries;
}

describe('buildDiagnostics', () => {
  const state = realisticState();
  const log = realisticLog(400);
  const out = buildDiagnostics(state, log, NOW, { secrets: [SHARED, DEVICE_TOKEN], appVersion: '0.1.0' });
  const text = JSON.stringify(out);

  it('holds no shared token, device token, redacted secret or capability, not even a piece of one', () => {
    for (const secret of [SHARED, DEVICE_TOKEN, RECOVERY, CAPABILITY, REDACTED_MARK]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 12));
    }
    expect(text).not.toContain('__openclaw__/cap');
  });

  it('keeps what a bug report needs', () => {
    expect(out.format).toBe('clawscope-diagnostics/1');
    expect(out.generatedAt).toBe('2026-09-30T10:11:12.345Z');
    expect(out.dashboard.version).toBe('0.1.0');
    expect(out.gateway).toEqual({ url: 'ws://127.0.0.1:18789', version: '2026.9.6', protocol: 4 });
    expect(out.scopes.requested).toHaveLength(5);
    expect(out.scopes.granted).toEqual(state.hello!.scopes);
    expect(out.scopes.missing).toEqual([]);
    expect(out.session.presented).toEqual({ device: true, credential: 'token' });
    expect(out.hello).toMatchObject({
      protocol: 4,
      serverVersion: '2026.9.6',
      authMethod: 'token',
      deviceTokenIssued: true,
      appliedConfigHash: 'hmac-sha256:v1:Jt0bq1',
    });
    expect(out.timeline.map((t) => t.phase)).toEqual(['start', 'challenge', 'connect-sent', 'hello-ok']);
    expect(out.timeline[2]!.detail).toBe('[removed]');
    expect(out.lastClose).toMatchObject({ code: 1008, reason: '[removed]' });
    expect(out.lastError).toMatchObject({
      detailCode: 'AUTH_TOKEN_MISMATCH',
      recommendedNextStep: 'retry_with_device_token',
      message: '[removed]',
    });
  });

  it('includes only the last 200 log entries, oldest first', () => {
    expect(out.log.total).toBe(403);
    expect(out.log.included).toBe(200);
    expect(out.log.entries).toHaveLength(200);
    expect(out.log.entries.at(-1)).toMatchObject({ id: 'gap', gap: { expected: 9 } });
    expect(out.log.entries[0]!.id).toBe('l204');
    expect(out.log.entries.find((e) => e.id === 'cfg')).toMatchObject({
      errorCode: 'INVALID_REQUEST',
      errorMessage: '[removed]',
    });
  });

  it('works before any hello', () => {
    const fresh = buildDiagnostics(initialSessionState('ws://h:1'), [], NOW, { appVersion: 'x' });
    expect(fresh.gateway).toEqual({ url: 'ws://h:1', version: null, protocol: null });
    expect(fresh.hello).toBeNull();
    expect(fresh.log).toMatchObject({ total: 0, included: 0, entries: [] });
  });
});

describe('scrub', () => {
  it('removes values under secret-looking keys at any depth, keeping flags', () => {
    const input = {
      auth: { token: 'a', deviceToken: 'b', password: 'c', nested: [{ signature: 's', nonce: 'n', publicKey: 'k' }] },
      deviceTokenIssued: true,
      issuedAtMs: 5,
      clientSecret: null,
      keep: 'visible',
    };
    expect(scrub(input)).toEqual({
      auth: {
        token: '[removed]',
        deviceToken: '[removed]',
        password: '[removed]',
        nested: [{ signature: '[removed]', nonce: '[removed]', publicKey: '[removed]' }],
      },
      deviceTokenIssued: true,
      issuedAtMs: 5,
      clientSecret: null,
      keep: 'visible',
    });
  });

  it('removes strings equal to or containing a known secret, and secret-bearing keys', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz0123456789';
    expect(
      scrub({ a: secret, b: `x ${secret} y`, c: `head ${secret.slice(0, 14)}…`, d: 'fine', [secret]: 1 }, [secret]),
    ).toEqual({
      a: '[removed]',
      b: '[removed]',
      c: '[removed]',
      d: 'fine',
      '[removed]#4': 1,
    });
  });

  it('ignores empty secrets and does not loop on cycles', () => {
    const a: Record<string, unknown> = { x: 'text' };
    a.self = a;
    expect(scrub(a, ['', undefined, null])).toEqual({ x: 'text', self: '[cycle]' });
  });
});

describe('diagnosticsFileName', () => {
  it('names the gateway and the time, safe for every file system', () => {
    expect(diagnosticsFileName('ws://127.0.0.1:18789', NOW)).toBe(
      'clawscope-diagnostics-127.0.0.1-18789-2026-09-30T10-11-12Z.json',
    );
    expect(diagnosticsFileName('nope', NOW)).toBe('clawscope-diagnostics-gateway-2026-09-30T10-11-12Z.json');
  });
});
