import { GATEWAY_CLIENT_IDS, GATEWAY_CLIENT_MODES } from '@openclaw/gateway-client/browser';
import { METHODS, type Method } from '../../session/methods';
import { OPERATOR_SCOPES, missingScopes, satisfies } from '../../session/scopes';
import type { TrialResult } from '../../session/trial';

/** The gateway's closed enums: any other client id or mode is refused as a schema error. */
export const CLIENT_IDS: readonly string[] = Object.values(GATEWAY_CLIENT_IDS);
export const CLIENT_MODES: readonly string[] = Object.values(GATEWAY_CLIENT_MODES);

export type TrialDraft = {
  clientId: string;
  mode: string;
  scopes: string[];
  device: boolean;
  sendToken: boolean;
};

const RWA = ['operator.read', 'operator.write', 'operator.admin'];

export const DEFAULT_DRAFT: TrialDraft = { clientId: 'cli', mode: 'cli', scopes: RWA, device: false, sendToken: true };

export type Preset = { id: string; label: string; draft: TrialDraft; summary: string };

/** The known cases, one click each. All ask the same three scopes so only client and device differ. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'cli-token',
    label: 'CLI with token, no device',
    draft: { clientId: 'cli', mode: 'cli', scopes: RWA, device: false, sendToken: true },
    summary: 'As the OpenClaw CLI connects, but from a browser: granted nothing (the seed bug).',
  },
  {
    id: 'browser-device',
    label: 'Browser with device',
    draft: { clientId: 'webchat-ui', mode: 'webchat', scopes: RWA, device: true, sendToken: true },
    summary: 'A fresh throwaway key plus the token: silently paired on loopback, then removed.',
  },
  {
    id: 'control-ui-no-device',
    label: 'Control UI without device',
    draft: { clientId: 'openclaw-control-ui', mode: 'webchat', scopes: RWA, device: false, sendToken: true },
    summary: 'The Control UI id without a key: refused with CONTROL_UI_DEVICE_IDENTITY_REQUIRED.',
  },
];

export type Expectation =
  | { kind: 'granted-none'; text: string }
  | { kind: 'granted-requested'; paired: boolean; text: string }
  | { kind: 'refused'; detailCode: string; text: string };

const CONTROL_UI_IDS = new Set(['openclaw-control-ui', 'openclaw-tui']);
const TOKEN_ONLY_EMPTY = new Set(['webchat-ui/webchat', 'gateway-client/ui', 'test/test', 'cli/cli']);
const SILENT_PAIR_IDS = new Set(['webchat-ui', 'openclaw-control-ui']);

/**
 * What a browser trial is known to get from an OpenClaw 2026.9 gateway on loopback with default config
 * (verified live; see PROTOCOL.md §2.2 and §6). Null when the combination was never observed.
 */
export function knownOutcome(d: Pick<TrialDraft, 'clientId' | 'mode' | 'device' | 'sendToken'>): Expectation | null {
  const pair = `${d.clientId}/${d.mode}`;
  if (!d.sendToken) {
    if (!d.device && !CONTROL_UI_IDS.has(d.clientId)) {
      return {
        kind: 'refused',
        detailCode: 'AUTH_TOKEN_MISSING',
        text: 'Refused: no credential at all (AUTH_TOKEN_MISSING).',
      };
    }
    return null;
  }
  if (!d.device) {
    if (CONTROL_UI_IDS.has(d.clientId)) {
      return {
        kind: 'refused',
        detailCode: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
        text: 'Refused: Control UI client ids must present a device identity (CONTROL_UI_DEVICE_IDENTITY_REQUIRED).',
      };
    }
    if (TOKEN_ONLY_EMPTY.has(pair)) {
      return {
        kind: 'granted-none',
        text: 'Admitted with no scopes: a device-less client that sends an Origin header (every browser does) has its scopes cleared.',
      };
    }
    return null;
  }
  if (pair === 'cli/cli') {
    return {
      kind: 'refused',
      detailCode: 'PAIRING_REQUIRED',
      text: 'Pairing required: a cli device that sends an Origin is not approved silently; an operator must approve it.',
    };
  }
  if (SILENT_PAIR_IDS.has(d.clientId) && d.mode === 'webchat') {
    return {
      kind: 'granted-requested',
      paired: true,
      text: 'Silently paired: on loopback a fresh browser device with the shared token gets what it asks, and a device token.',
    };
  }
  return null;
}

export type Verdict = 'matches' | 'differs' | 'unknown';

export function compare(expected: Expectation | null, r: TrialResult): Verdict {
  if (!expected) return 'unknown';
  // No answer says nothing about the gateway's policy.
  if (r.outcome !== 'granted' && r.outcome !== 'refused') return 'unknown';
  switch (expected.kind) {
    case 'granted-none':
      return r.outcome === 'granted' && r.granted.length === 0 ? 'matches' : 'differs';
    case 'granted-requested':
      return r.outcome === 'granted' &&
        missingScopes(r.request.scopes, r.granted).length === 0 &&
        r.paired === expected.paired
        ? 'matches'
        : 'differs';
    case 'refused':
      return r.outcome === 'refused' && (r.error?.detailCode ?? r.error?.code) === expected.detailCode
        ? 'matches'
        : 'differs';
  }
}

export type MethodVerdict = { method: Method; scope: string | null; passes: boolean; note: string };

/** Which of the dashboard's methods this grant would let through, by the gateway's scope rule (computed, not called). */
export function methodVerdicts(r: TrialResult): MethodVerdict[] {
  const connected = r.outcome === 'granted';
  return (Object.keys(METHODS) as Method[]).map((method) => {
    const scope = METHODS[method].scope;
    if (!connected) return { method, scope, passes: false, note: 'no connection' };
    if (method.startsWith('device.scopes.') && !r.request.device)
      return { method, scope, passes: false, note: 'needs a device identity' };
    if (scope === null) return { method, scope, passes: true, note: 'needs no scope' };
    const passes = satisfies(r.granted, scope);
    const via =
      passes && !r.granted.includes(scope)
        ? r.granted.includes('operator.admin')
          ? 'via operator.admin'
          : 'via operator.write'
        : '';
    return { method, scope, passes, note: passes ? via : `missing ${scope}` };
  });
}

/** The answer in words. */
export function explainResult(r: TrialResult): string {
  const missing = missingScopes(r.request.scopes, r.granted);
  switch (r.outcome) {
    case 'granted':
      if (r.hello && !r.hello.scopesStated) {
        return 'Admitted, but hello-ok carried no auth block (2026.3.x does this for device-less clients): the grant reads as empty, so every scoped call fails.';
      }
      if (r.granted.length === 0 && !r.request.device) {
        return `Admitted with no scopes. The gateway accepts a device-less ${r.request.clientId} client, then clears its scopes because the browser sent an Origin header. The OpenClaw CLI sends none, which is why the same request from a terminal keeps its scopes. Present a device identity to get them here.`;
      }
      if (r.granted.length === 0) return 'Admitted with no scopes although a device was presented.';
      if (missing.length === 0) {
        return r.paired
          ? `Paired: the gateway approved the throwaway device at once and granted all ${r.request.scopes.length} requested scopes, with a device token.`
          : `Granted all ${r.request.scopes.length} requested scopes.`;
      }
      return `Granted ${r.granted.length} scopes; not granted: ${missing.join(', ')}.`;
    case 'refused': {
      const e = r.error!;
      const code = e.detailCode ?? e.code;
      switch (code) {
        case 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED':
          return 'Refused: the Control UI client ids (openclaw-control-ui, openclaw-tui) must present a device identity. Other browser ids are admitted without one, with no scopes.';
        case 'PAIRING_REQUIRED':
          return `The gateway wants an operator to approve the throwaway device (${e.pairing?.reason ?? 'not-paired'}).`;
        case 'AUTH_TOKEN_MISSING':
          return 'Refused: the trial sent no credential. Failed sign-ins count toward the per-origin lockout.';
        case 'AUTH_TOKEN_MISMATCH':
          return "Refused: the gateway does not accept this session's token. No more trials with it: failures count toward the per-origin lockout.";
        case 'AUTH_RATE_LIMITED':
          return 'Refused: this browser origin is locked out after too many failed sign-ins. Wait for it to end.';
        case 'CONTROL_UI_ORIGIN_NOT_ALLOWED':
          return "Refused: the gateway does not accept this page's origin.";
        case 'PROTOCOL_MISMATCH':
          return 'Refused: the gateway speaks another protocol version.';
        default:
          return `Refused: ${code}.`;
      }
    }
    case 'timeout':
      return 'No answer within the time limit; the socket was closed.';
    case 'unreachable':
      return `Nothing answered at ${r.request.url}.`;
    case 'closed':
      return `The gateway closed the socket${r.close ? ` (${r.close.code})` : ''} before answering.`;
    case 'aborted':
      return 'Cancelled; the socket was closed.';
  }
}

/** Codes after which sending the same token again only brings the lockout closer. */
export const STOP_CODES = new Set(['AUTH_TOKEN_MISMATCH', 'AUTH_RATE_LIMITED']);

export const ALL_SCOPES: readonly string[] = OPERATOR_SCOPES;
