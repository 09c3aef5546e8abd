import { describe, expect, it } from 'vitest';
import type { TrialResult } from '../../session/trial';
import { CLIENT_IDS, CLIENT_MODES, PRESETS, compare, knownOutcome, methodVerdicts } from './lab-model';

const result = (over: Partial<TrialResult> & { scopes?: string[]; device?: boolean }): TrialResult => ({
  outcome: 'granted',
  request: {
    url: 'ws://x',
    clientId: 'cli',
    mode: 'cli',
    scopes: over.scopes ?? ['operator.read'],
    device: over.device ?? false,
    sentToken: true,
    protocol: { min: 3, max: 4 },
  },
  deviceId: null,
  hello: {
    protocol: 4,
    serverVersion: '2026.9.6',
    authMethod: 'token',
    role: 'operator',
    scopesStated: true,
    deviceTokenIssued: false,
  },
  granted: [],
  paired: false,
  error: null,
  close: null,
  timeline: [],
  startedAtMs: 0,
  durationMs: 5,
  ...over,
});

describe('lab model', () => {
  it('offers exactly the client ids and modes the gateway accepts', () => {
    expect(CLIENT_IDS).toEqual(
      expect.arrayContaining(['webchat-ui', 'openclaw-control-ui', 'cli', 'gateway-client', 'test', 'openclaw-probe']),
    );
    expect(CLIENT_IDS).toHaveLength(17);
    expect([...CLIENT_MODES].sort()).toEqual(['backend', 'cli', 'node', 'probe', 'test', 'ui', 'webchat', 'worker']);
    for (const p of PRESETS) {
      expect(CLIENT_IDS).toContain(p.draft.clientId);
      expect(CLIENT_MODES).toContain(p.draft.mode);
    }
  });

  it('knows the outcome of each preset', () => {
    expect(PRESETS.map((p) => knownOutcome(p.draft)?.kind)).toEqual(['granted-none', 'granted-requested', 'refused']);
    expect(knownOutcome({ clientId: 'cli', mode: 'cli', device: true, sendToken: true })).toMatchObject({
      kind: 'refused',
      detailCode: 'PAIRING_REQUIRED',
    });
    expect(knownOutcome({ clientId: 'openclaw-macos', mode: 'ui', device: false, sendToken: true })).toBeNull();
  });

  it('tells "expected" from "unexpected", and says nothing when there was no answer', () => {
    const cli = knownOutcome(PRESETS[0]!.draft);
    expect(compare(cli, result({ granted: [] }))).toBe('matches');
    expect(compare(cli, result({ granted: ['operator.read'] }))).toBe('differs');
    expect(compare(cli, result({ outcome: 'timeout' }))).toBe('unknown');
    const control = knownOutcome(PRESETS[2]!.draft);
    expect(
      compare(
        control,
        result({
          outcome: 'refused',
          error: { code: 'INVALID_REQUEST', detailCode: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED', message: '' },
        }),
      ),
    ).toBe('matches');
    const browser = knownOutcome(PRESETS[1]!.draft);
    expect(compare(browser, result({ scopes: ['operator.read'], granted: ['operator.read'], paired: true }))).toBe(
      'matches',
    );
    expect(compare(browser, result({ scopes: ['operator.read'], granted: ['operator.read'], paired: false }))).toBe(
      'differs',
    );
  });

  it('computes which dashboard methods a grant lets through', () => {
    const byMethod = (r: TrialResult) => Object.fromEntries(methodVerdicts(r).map((v) => [v.method, v]));
    const write = byMethod(result({ granted: ['operator.write'] }));
    expect(write.status).toMatchObject({ passes: true, note: 'via operator.write' });
    expect(write['cron.add']).toMatchObject({ passes: false, note: 'missing operator.admin' });
    expect(write.health).toMatchObject({ passes: true });
    expect(write['device.scopes.requestUpgrade']).toMatchObject({ passes: false, note: 'needs a device identity' });
    const refused = byMethod(result({ outcome: 'refused' }));
    expect(Object.values(refused).every((v) => !v.passes)).toBe(true);
  });
});
