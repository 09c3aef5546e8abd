import { describe, expect, it } from 'vitest';
import { approveBlock, manageBlock, rejectBlock, tokenBlock, type Access } from './permissions';
import { labelProblem } from './label';

const access = (granted: string[], over: Partial<Access> = {}): Access => ({
  ready: true,
  granted,
  credential: 'token',
  ...over,
});
const req = (scopes: string[], role = 'operator') => ({ role, roles: [role], scopes });

describe('device action gates', () => {
  it('needs operator.pairing (or admin) for everything, and a ready session', () => {
    expect(rejectBlock(access(['operator.read']))).toBe('needs operator.pairing');
    expect(rejectBlock(access(['operator.admin']))).toBeNull();
    expect(rejectBlock(access(['operator.pairing'], { ready: false }))).toBe('not connected');
  });

  it('lets an approver grant only scopes it holds, by the gateway rule', () => {
    const rp = access(['operator.read', 'operator.pairing']);
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

  it('keeps non-operator roles for admins', () => {
    expect(approveBlock(access(['operator.pairing']), req([], 'node'))).toBe(
      'approving the node role needs operator.admin',
    );
    expect(tokenBlock(access(['operator.pairing']), { role: 'node', scopes: [] }, 'rotating')).toBe(
      'rotating a node token needs operator.admin',
    );
    expect(
      tokenBlock(
        access(['operator.pairing', 'operator.read']),
        { role: 'operator', scopes: ['operator.read', 'operator.admin'] },
        'revoking',
      ),
    ).toBe('revoking a token with operator.admin needs a session that holds it');
    const nodeDevice = {
      role: 'operator',
      roles: ['operator'],
      tokens: [{ role: 'node', scopes: [], createdAtMs: 1, rotatedAtMs: null, lastUsedAtMs: null, revokedAtMs: null }],
    };
    expect(manageBlock(access(['operator.pairing']), nodeDevice)).toBeNull();
    expect(manageBlock(access(['operator.pairing'], { credential: 'device-token' }), nodeDevice)).toMatch(
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
