import { satisfies } from '../../session/scopes';
import { rolesOf, type DeviceTokenSummary, type PairedDevice, type PendingRequest } from '../../queries/devices';
import { listText } from './format';

/**
 * Why the session cannot do an action, or null when it can. These mirror the gateway's own gates
 * (method scope, then the handler's checks: an approver can grant only scopes it holds, non-operator
 * roles need operator.admin), so a disabled button says what the gateway would have answered.
 */
export type Access = {
  ready: boolean;
  granted: readonly string[];
  credential: 'token' | 'device-token' | 'none';
};

export const PAIRING_SCOPE = 'operator.pairing';
export const NEEDS_PAIRING = `needs ${PAIRING_SCOPE}`;

const isAdmin = (a: Access) => a.granted.includes('operator.admin');
const itThem = (n: number) => (n > 1 ? 'them' : 'it');

function base(a: Access): string | null {
  if (!a.ready) return 'not connected';
  if (!satisfies(a.granted, PAIRING_SCOPE)) return NEEDS_PAIRING;
  return null;
}

export function approveBlock(a: Access, req: Pick<PendingRequest, 'role' | 'roles' | 'scopes'>): string | null {
  const b = base(a);
  if (b) return b;
  const nonOperator = rolesOf(req).filter((r) => r !== 'operator');
  if (nonOperator.length > 0 && !isAdmin(a)) return `approving the ${listText(nonOperator)} role needs operator.admin`;
  const missing = req.scopes.filter((s) => !satisfies(a.granted, s));
  if (missing.length > 0) return `approving ${listText(missing)} needs a session that holds ${itThem(missing.length)}`;
  return null;
}

export const rejectBlock = (a: Access): string | null => base(a);

export function tokenBlock(
  a: Access,
  token: Pick<DeviceTokenSummary, 'role' | 'scopes'>,
  verb: 'rotating' | 'revoking',
): string | null {
  const b = base(a);
  if (b) return b;
  if (token.role !== 'operator') return isAdmin(a) ? null : `${verb} a ${token.role} token needs operator.admin`;
  const missing = token.scopes.filter((s) => !satisfies(a.granted, s));
  if (missing.length > 0)
    return `${verb} a token with ${listText(missing)} needs a session that holds ${itThem(missing.length)}`;
  return null;
}

/** Rename and remove: a non-admin device-token session may not manage a device holding a non-operator role. */
export function manageBlock(a: Access, device: Pick<PairedDevice, 'role' | 'roles' | 'tokens'>): string | null {
  const b = base(a);
  if (b) return b;
  const roles = [...rolesOf(device), ...device.tokens.map((t) => t.role)];
  if (a.credential === 'device-token' && !isAdmin(a) && roles.some((r) => r !== 'operator')) {
    return 'managing a device with a non-operator role needs operator.admin';
  }
  return null;
}
