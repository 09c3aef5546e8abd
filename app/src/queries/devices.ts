import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Gateway } from '../session/gateway';
import { GatewayError, toFailure, type GatewayFailure } from '../session/errors';
import { useGateway } from '../lib/gateway-context';
import { isObj, num, str, strs } from './fields';
import {
  devicesQueries,
  readPairedDevice,
  type DeviceTokenSummary,
  type PairList,
  type PairedDevice,
} from './device-list';

// The pairing lists' reads live in device-list.ts (the header badge needs only those); the writes are here.
export * from './device-list';

// ---------------------------------------------------------------------------
// Writes. None retries. A failure leaves the cached lists untouched (the page shows the
// gateway's message where the action was), except that a stale request or a lost answer
// re-reads the lists, since then what we show may be wrong.

export function failureOf(error: unknown): GatewayFailure {
  return error instanceof GatewayError ? error.failure : toFailure(error);
}

/** Approve/reject of a request the gateway no longer has: it expired, was replaced, or someone else decided it. */
export function isUnknownRequest(error: unknown): boolean {
  const f = failureOf(error);
  return f.code === 'INVALID_REQUEST' && /unknown requestId/i.test(f.message);
}

export const STALE_REQUEST_MESSAGE = 'This request expired or was replaced';

/** The words for a failed device action: the gateway's own message, with context where it helps. */
export function describeDeviceError(error: unknown): string {
  const f = failureOf(error);
  if (f.outcomeUnknown) {
    return `No answer: the connection dropped before the gateway replied, so it may or may not have happened. The list was re-read. (${f.message})`;
  }
  if (isUnknownRequest(error))
    return `${STALE_REQUEST_MESSAGE}. The gateway answered “${f.message}”; the list was refreshed.`;
  if (f.detailCode === 'MISSING_SCOPE' && f.missingScope)
    return `The gateway refused: ${f.message} (this session does not hold ${f.missingScope}).`;
  return f.message;
}

/**
 * One shape for every device and node action: no retry; on success write what the answer says into the cached
 * list, then re-read it (the event that follows triggers one too; they coalesce); on a stale request or a lost
 * answer re-read, since then what we show may be wrong. Any other failure leaves the list as it was.
 */
export function actionHook<V, R, L>(spec: {
  name: string;
  listKey: QueryKey;
  run: (gw: Gateway, vars: V) => Promise<R>;
  patch?: (old: L, result: R, vars: V) => L;
}) {
  return function useAction() {
    const gw = useGateway();
    const qc = useQueryClient();
    return useMutation({
      mutationKey: [...spec.listKey, spec.name],
      retry: false,
      mutationFn: (vars: V) => spec.run(gw, vars),
      onSuccess: (result, vars) => {
        if (spec.patch) qc.setQueryData<L>(spec.listKey, (old) => (old ? spec.patch!(old, result, vars) : old));
        void qc.invalidateQueries({ queryKey: spec.listKey });
      },
      onError: (error) => {
        if (isUnknownRequest(error) || failureOf(error).outcomeUnknown)
          void qc.invalidateQueries({ queryKey: spec.listKey });
      },
    });
  };
}

const mapDevice = (old: PairList, deviceId: string, fn: (d: PairedDevice) => PairedDevice): PairList => ({
  ...old,
  paired: old.paired.map((d) => (d.deviceId === deviceId ? fn(d) : d)),
});
const mapToken = (d: PairedDevice, role: string, fn: (t: DeviceTokenSummary) => DeviceTokenSummary) => ({
  ...d,
  tokens: d.tokens.map((t) => (t.role === role ? fn(t) : t)),
});
const LIST = devicesQueries.lists();

export const useApproveRequest = actionHook({
  name: 'approve',
  listKey: LIST,
  run: (gw, requestId: string) => gw.call('device.pair.approve', { requestId }),
  patch: (old: PairList, res, requestId) => {
    const device = isObj(res) ? readPairedDevice(res.device) : null;
    return {
      pending: old.pending.filter((p) => p.requestId !== requestId),
      paired: device ? [...old.paired.filter((d) => d.deviceId !== device.deviceId), device] : old.paired,
    };
  },
});

export const useRejectRequest = actionHook({
  name: 'reject',
  listKey: LIST,
  run: (gw, requestId: string) => gw.call('device.pair.reject', { requestId }),
  patch: (old: PairList, _res, requestId) => ({
    ...old,
    pending: old.pending.filter((p) => p.requestId !== requestId),
  }),
});

export type RenameVars = { deviceId: string; label: string };

export const useRenameDevice = actionHook({
  name: 'rename',
  listKey: LIST,
  run: (gw, { deviceId, label }: RenameVars) => gw.call('device.pair.rename', { deviceId, label }),
  patch: (old: PairList, res, vars) => {
    const label = isObj(res) && typeof res.label === 'string' ? res.label : vars.label;
    return mapDevice(old, vars.deviceId, (d) => ({ ...d, operatorLabel: label }));
  },
});

export type TokenVars = { deviceId: string; role: string };
/** `own`: this browser's own device, whose new token the session keeps (and then reconnects on). */
export type RotateVars = TokenVars & { scopes: string[]; own: boolean };

export const useRotateToken = actionHook({
  name: 'rotate',
  listKey: LIST,
  // Another device's new token is never handed to us (tokenDelivery "withheld-cross-device").
  run: async (gw, { deviceId, role, scopes, own }: RotateVars) => {
    const res = own
      ? await gw.rotateOwnToken(scopes)
      : await gw.call('device.token.rotate', { deviceId, role, scopes });
    const r = isObj(res) ? res : {};
    return { rotatedAtMs: num(r.rotatedAtMs) ?? Date.now(), scopes: strs(r.scopes), delivery: str(r.tokenDelivery) };
  },
  patch: (old: PairList, res, { deviceId, role }) =>
    mapDevice(old, deviceId, (d) =>
      mapToken(d, role, (t) => ({ ...t, scopes: res.scopes, rotatedAtMs: res.rotatedAtMs, revokedAtMs: null })),
    ),
});

export const useRevokeToken = actionHook({
  name: 'revoke',
  listKey: LIST,
  run: async (gw, { deviceId, role }: TokenVars) => {
    const res = await gw.call('device.token.revoke', { deviceId, role });
    return (isObj(res) ? num(res.revokedAtMs) : null) ?? Date.now();
  },
  patch: (old: PairList, revokedAtMs, { deviceId, role }) =>
    mapDevice(old, deviceId, (d) => mapToken(d, role, (t) => ({ ...t, revokedAtMs }))),
});

export const useRemoveDevice = actionHook({
  name: 'remove',
  listKey: LIST,
  run: (gw, deviceId: string) => gw.call('device.pair.remove', { deviceId }),
  patch: (old: PairList, _res, deviceId) => ({ ...old, paired: old.paired.filter((d) => d.deviceId !== deviceId) }),
});

/**
 * Remove several devices (stale-device cleanup), one call each, in order; stops at the first failure so the
 * user sees which ones went. Never re-sent: a lost answer is reported as unknown for that device.
 */
export const useRemoveDevices = actionHook({
  name: 'remove-many',
  listKey: LIST,
  run: async (gw, deviceIds: string[]) => {
    const removed: string[] = [];
    for (const deviceId of deviceIds) {
      try {
        await gw.call('device.pair.remove', { deviceId });
        removed.push(deviceId);
      } catch (error) {
        throw new CleanupError(removed, deviceId, error);
      }
    }
    return removed;
  },
  patch: (old: PairList, removed) => ({ ...old, paired: old.paired.filter((d) => !removed.includes(d.deviceId)) }),
});

/** A cleanup that stopped part way: which devices went before `failedId` failed. */
export class CleanupError extends Error {
  constructor(
    readonly removed: string[],
    readonly failedId: string,
    readonly cause: unknown,
  ) {
    super(failureOf(cause).message);
  }
}
