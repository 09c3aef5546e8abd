import { satisfies } from '../../session/scopes';
import { rolesOf, type DeviceTokenSummary, type PairedDevice, type PendingRequest } from '../../queries/devices';
import type { NodeRequest } from '../../queries/nodes';
import { listText } from './format';

/**
 * Why the session cannot do a device action, or null when it can. These follow the gateway's own checks
 * (2026.9.6, server-methods/devices.ts and device-management-authz.ts), in the order it makes them:
 *  1. the method scope: every device.pair.* and device.token.* method needs operator.pairing (admin satisfies it);
 *  2. a session authenticated by a device token and not holding operator.admin is self-scoped: it is listed only
 *     its own device and may act only on it ("device-ownership-mismatch");
 *  3. without operator.admin, nothing that concerns a non-operator role (a node) may be approved, rotated or
 *     revoked, and a self-scoped session may not rename or remove a device holding one;
 *  4. an operator token may be granted, rotated to or revoked only within the caller's own scopes, and a rotation
 *     stays within the device's approved scopes.
 * A shared-token session is never self-scoped: with operator.pairing it sees and renames every device.
 */
export type Access = {
  ready: boolean;
  granted: readonly string[];
  credential: 'token' | 'device-token' | 'none';
  /** The device this session presented (its own device), or null. */
  deviceId: string | null;
};

export const PAIRING_SCOPE = 'operator.pairing';
export const NEEDS_PAIRING = `needs ${PAIRING_SCOPE}`;
export const SELF_ONLY = 'a device-token session without operator.admin may act only on its own device';

/** The gateway checks for the literal scope here, not for what implies it. */
export const isAdmin = (a: Access) => a.granted.includes('operator.admin');
/** Device-token auth without admin: the gateway limits the session to its own device. */
export const selfScoped = (a: Access) => a.credential === 'device-token' && !isAdmin(a) && a.deviceId !== null;
const itThem = (n: number) => (n > 1 ? 'them' : 'it');
const missingOf = (a: Access, scopes: readonly string[]) => scopes.filter((s) => !satisfies(a.granted, s));

function base(a: Access, targetDeviceId?: string): string | null {
  if (!a.ready) return 'not connected';
  if (!satisfies(a.granted, PAIRING_SCOPE)) return NEEDS_PAIRING;
  if (targetDeviceId !== undefined && selfScoped(a) && targetDeviceId !== a.deviceId) return SELF_ONLY;
  return null;
}

export function approveBlock(
  a: Access,
  req: Pick<PendingRequest, 'deviceId' | 'role' | 'roles' | 'scopes'>,
): string | null {
  const b = base(a, req.deviceId);
  if (b) return b;
  const nonOperator = rolesOf(req).filter((r) => r !== 'operator');
  if (nonOperator.length > 0 && !isAdmin(a)) return `approving the ${listText(nonOperator)} role needs operator.admin`;
  const missing = missingOf(a, req.scopes);
  if (missing.length > 0) return `approving ${listText(missing)} needs a session that holds ${itThem(missing.length)}`;
  return null;
}

export const rejectBlock = (a: Access, req: Pick<PendingRequest, 'deviceId'>): string | null => base(a, req.deviceId);

type TokenTarget = Pick<PairedDevice, 'deviceId' | 'scopes'>;
type TokenInfo = Pick<DeviceTokenSummary, 'role' | 'scopes' | 'revokedAtMs'>;

/** Role checks shared by rotate and revoke. */
function tokenBase(a: Access, device: TokenTarget, token: TokenInfo, verb: string): string | null {
  const b = base(a, device.deviceId);
  if (b) return b;
  if (token.role !== 'operator' && !isAdmin(a)) return `${verb} a ${token.role} token needs operator.admin`;
  return null;
}

/**
 * Rotate to `scopes` (the set the new token gets; the current token's when omitted). The gateway keeps a rotation
 * within the device's approved scopes and, for an operator token, within the caller's.
 */
export function rotateBlock(
  a: Access,
  device: TokenTarget,
  token: TokenInfo,
  scopes: readonly string[] = token.scopes,
): string | null {
  const b = tokenBase(a, device, token, 'rotating');
  if (b) return b;
  if (token.role !== 'operator') return null;
  const outside = scopes.filter((s) => !satisfies(device.scopes, s));
  if (outside.length > 0)
    return `${listText(outside)} ${outside.length > 1 ? 'are' : 'is'} not approved for this device`;
  const missing = missingOf(a, scopes);
  if (missing.length > 0)
    return `rotating to a token with ${listText(missing)} needs a session that holds ${itThem(missing.length)}`;
  return null;
}

export function revokeBlock(a: Access, device: TokenTarget, token: TokenInfo): string | null {
  if (token.revokedAtMs !== null) return 'already revoked';
  const b = tokenBase(a, device, token, 'revoking');
  if (b) return b;
  if (token.role !== 'operator') return null;
  const missing = missingOf(a, token.scopes);
  if (missing.length > 0)
    return `revoking a token with ${listText(missing)} needs a session that holds ${itThem(missing.length)}`;
  return null;
}

/** A node's command-surface request: ownership as for devices, then the scopes the gateway says approval needs. */
export function nodeApproveBlock(a: Access, req: Pick<NodeRequest, 'nodeId' | 'requiredApproveScopes'>): string | null {
  const b = base(a, req.nodeId);
  if (b) return b;
  const missing = missingOf(a, req.requiredApproveScopes);
  if (missing.length > 0) return `approving this node needs ${listText(missing)}`;
  return null;
}

export const nodeRejectBlock = (a: Access, req: Pick<NodeRequest, 'nodeId'>): string | null => base(a, req.nodeId);

/** Rename and remove. */
export function manageBlock(
  a: Access,
  device: Pick<PairedDevice, 'deviceId' | 'role' | 'roles' | 'tokens'>,
): string | null {
  const b = base(a, device.deviceId);
  if (b) return b;
  const roles = [...rolesOf(device), ...device.tokens.map((t) => t.role)];
  if (a.credential === 'device-token' && !isAdmin(a) && roles.some((r) => r !== 'operator')) {
    return 'managing a device with a non-operator role needs operator.admin';
  }
  return null;
}
