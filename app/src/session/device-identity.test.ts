import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDeviceAuthPayloadV3 } from '@openclaw/gateway-client/browser';
import { createDeviceVault, createIdentity, sha256Hex, sign } from './device-identity';
import { memoryStore } from './idb';

const fromB64url = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

describe('device identity', () => {
  it('derives the device id as sha256 hex of the raw public key', async () => {
    const id = await createIdentity();
    const raw = fromB64url(id.publicKey);
    expect(raw).toHaveLength(32);
    expect(id.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(id.deviceId).toBe(await sha256Hex(raw));
  });

  it('keeps the private key non-extractable', async () => {
    const id = await createIdentity();
    expect(id.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', id.privateKey)).rejects.toThrow();
  });

  it('signs the v3 payload so that Node verifies it with the public key', async () => {
    const id = await createIdentity();
    const payload = buildDeviceAuthPayloadV3({
      deviceId: id.deviceId,
      clientId: 'webchat-ui',
      clientMode: 'webchat',
      role: 'operator',
      scopes: ['operator.read', 'operator.admin'],
      signedAtMs: 1795626942260,
      token: 'shared-token',
      nonce: 'nonce-1',
      platform: 'Web',
    });
    expect(payload).toBe(
      `v3|${id.deviceId}|webchat-ui|webchat|operator|operator.read,operator.admin|1795626942260|shared-token|nonce-1|web|`,
    );
    const signature = fromB64url(await sign(id, payload));
    // Node's own Ed25519 verifier, given the raw key wrapped as SPKI.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), fromB64url(id.publicKey)]);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(payload), key, signature)).toBe(true);
    expect(verify(null, Buffer.from(payload.replace('nonce-1', 'nonce-2')), key, signature)).toBe(false);
  });

  it('stores tokens per gateway, device and role, and forgets them all', async () => {
    const vault = createDeviceVault(memoryStore());
    const id = await vault.ensureIdentity();
    expect((await vault.ensureIdentity()).deviceId).toBe(id.deviceId);
    await vault.storeToken('ws://a:1', id.deviceId, 'operator', { token: 't1', scopes: ['operator.read'] });
    expect(await vault.loadToken('ws://a:1', id.deviceId, 'operator')).toMatchObject({
      token: 't1',
      scopes: ['operator.read'],
    });
    expect(await vault.loadToken('ws://b:1', id.deviceId, 'operator')).toBeUndefined();
    await vault.forget();
    expect(await vault.loadIdentity()).toBeUndefined();
    expect(await vault.loadToken('ws://a:1', id.deviceId, 'operator')).toBeUndefined();
  });
});
