import { describe, expect, it } from 'vitest';
import { holding, missingScopes, satisfies } from './scopes';

describe('scope implication', () => {
  it('admin satisfies every scope', () => {
    for (const s of ['operator.read', 'operator.pairing', 'operator.talk.secrets', 'operator.approvals']) {
      expect(satisfies(['operator.admin'], s)).toBe(true);
    }
  });
  it('write satisfies read and talk but not pairing or admin', () => {
    expect(satisfies(['operator.write'], 'operator.read')).toBe(true);
    expect(satisfies(['operator.write'], 'operator.talk')).toBe(true);
    expect(satisfies(['operator.write'], 'operator.pairing')).toBe(false);
    expect(satisfies(['operator.write'], 'operator.admin')).toBe(false);
    expect(satisfies(['operator.write'], 'operator.talk.secrets')).toBe(false);
  });
  it('read satisfies nothing else', () => {
    expect(satisfies(['operator.read'], 'operator.write')).toBe(false);
    expect(satisfies([], 'operator.read')).toBe(false);
  });
  it('says how a scope is held', () => {
    expect(holding(['operator.read'], 'operator.read')).toEqual({ held: true, via: 'granted' });
    expect(holding(['operator.write'], 'operator.read')).toEqual({ held: true, via: 'operator.write' });
    expect(holding(['operator.admin'], 'operator.pairing')).toEqual({ held: true, via: 'operator.admin' });
    expect(holding(['operator.read'], 'operator.pairing')).toEqual({ held: false });
  });
  it('lists what was requested but not held', () => {
    expect(missingScopes(['operator.read', 'operator.admin', 'operator.pairing'], ['operator.write'])).toEqual([
      'operator.admin',
      'operator.pairing',
    ]);
    expect(missingScopes(['operator.read', 'operator.pairing'], ['operator.admin'])).toEqual([]);
  });
});
