import { describe, expect, it } from 'vitest';
import {
  approveBlock,
  manageBlock,
  rejectBlock,
  revokeBlock,
  rotateBlock,
  SELF_ONLY,
  type Access,
} from './permissions';
import { labelProblem } from './label';

const ME = 'me-device';
const OTHER = 'other-device';
const access = (granted: string[], over: Partial<Access> = {}): Access => ({
  ready: true,
  granted,
  credential: 'token',
  deviceId: ME,
  ...over,
});
const req = (scopes: string[], role = 'operator', deviceId = OTHER) => ({ deviceId, role, roles: [role], scopes });
const token = (scopes: string[], role = 'operator') => ({ role, scopes, revokedAtMs: null });
const device = (deviceId: string, scopes: string[], roles = ['operator']) => ({
  deviceId,
  scopes,
  role: roles[0]!,
  roles,
  tokens: roles.map((role) => ({
    role,
    scopes,
    createdAtMs: 1,
    rotatedAtMs: null,
    lastUsedAtMs: null,
    revokedAtMs: null,
  })),
});
const RP = ['operator.read', 'operator.pairing'];

describe('device action gates (the gateway rules of 2026.9.6)', () => {
  it('needs operator.pairing (or admin) for everything, and a ready session', () => {
    expect(rejectBlock(access(['operator.read']), req([]))).toBe('needs operator.pairing');
    expect(rejectBlock(access(['operator.admin']), req([]))).toBeNull();
    expect(rejectBlock(access(['operator.pairing'], { ready: false }), req([]))).toBe('not connected');
  });

  it('lets an approver grant only scopes it holds', () => {
    const rp = access(RP);
    expect(approveBlock(rp, req(['operator.read']))).toBeNull();
    expect(approveBlock(rp, req(['operator.read', 'operator.admin']))).toBe(
      'approving operator.admin needs a session that holds it',
    );
    expect(approveBlock(rp, req(['operator.read', 'operator.write', 'operator.admin']))).toBe(
      'approving operator.write and operator.admin needs a session that holds them',
    );
    // write implies read: a write+pairing session may approve read.
    expect(approveBlock(access(['operator.write', 'operator.pairing']), req(['operator.read']))).toBeNull();
    expect(
      approveBlock(access(['operator.admin']), req(['operator.read', 'operator.write', 'operator.admin'])),
    ).toBeNull();
  });

  it('limits a device-token session without admin to its own device, for every action', () => {
    const self = access(RP, { credential: 'device-token' });
    expect(approveBlock(self, req(['operator.read']))).toBe(SELF_ONLY);
    expect(approveBlock(self, req(['operator.read'], 'operator', ME))).toBeNull();
    expect(rejectBlock(self, req([]))).toBe(SELF_ONLY);
    expect(manageBlock(self, device(OTHER, ['operator.read']))).toBe(SELF_ONLY);
    expect(manageBlock(self, device(ME, RP))).toBeNull();
    expect(rotateBlock(self, device(OTHER, ['operator.read']), token(['operator.read']))).toBe(SELF_ONLY);
    expect(revokeBlock(self, device(OTHER, ['operator.read']), token(['operator.read']))).toBe(SELF_ONLY);
    expect(rotateBlock(self, device(ME, RP), token(RP))).toBeNull();
    // With admin, or on the shared token, the session manages every device.
    const admin = access(['operator.admin'], { credential: 'device-token' });
    expect(manageBlock(admin, device(OTHER, ['operator.read']))).toBeNull();
    expect(manageBlock(access(RP), device(OTHER, ['operator.read', 'operator.admin']))).toBeNull();
  });

  it('keeps tokens holding scopes the caller lacks out of reach, and rotation within the approved scopes', () => {
    const shared = access(RP);
    const adminDevice = device(OTHER, ['operator.read', 'operator.admin']);
    expect(revokeBlock(shared, adminDevice, token(['operator.read', 'operator.admin']))).toBe(
      'revoking a token with operator.admin needs a session that holds it',
    );
    expect(rotateBlock(shared, adminDevice, token(['operator.read', 'operator.admin']))).toBe(
      'rotating to a token with operator.admin needs a session that holds it',
    );
    // Narrowing to what the caller holds is allowed.
    expect(rotateBlock(shared, adminDevice, token(['operator.read', 'operator.admin']), ['operator.read'])).toBeNull();
    expect(
      rotateBlock(access(['operator.admin']), device(OTHER, ['operator.read']), token(['operator.read']), [
        'operator.write',
      ]),
    ).toBe('operator.write is not approved for this device');
    expect(revokeBlock(shared, device(OTHER, ['operator.read']), { ...token(['operator.read']), revokedAtMs: 5 })).toBe(
      'already revoked',
    );
  });

  it('keeps non-operator roles for admins', () => {
    expect(approveBlock(access(RP), req([], 'node'))).toBe('approving the node role needs operator.admin');
    expect(approveBlock(access(['operator.admin']), req([], 'node'))).toBeNull();
    const node = device(OTHER, [], ['node']);
    expect(rotateBlock(access(RP), node, token([], 'node'))).toBe('rotating a node token needs operator.admin');
    expect(revokeBlock(access(RP), node, token([], 'node'))).toBe('revoking a node token needs operator.admin');
    // Rename/remove of a node device: only a self-scoped session is stopped by the role (a shared token is not).
    expect(manageBlock(access(RP), node)).toBeNull();
    expect(manageBlock(access(RP, { credential: 'device-token', deviceId: OTHER }), node)).toMatch(
      /needs operator\.admin/,
    );
  });

  it('checks labels the way device.pair.rename does', () => {
    expect(labelProblem('   ')).toBe('Enter a label.');
    expect(labelProblem('x'.repeat(64))).toBeNull();
    expect(labelProblem(` ${'x'.repeat(64)} `)).toBeNull();
    expect(labelProblem('x'.repeat(65))).toBe('A label can have at most 64 characters; this one has 65.');
    expect(labelProblem('🦞'.repeat(64))).toBeNull(); // code points, not UTF-16 units
  });
});
