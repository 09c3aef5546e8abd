import type { KeyValueStore } from './idb';

/** This browser's signing identity. The private key is a non-extractable CryptoKey. */
export type DeviceIdentity = {
  deviceId: string;
  publicKey: string;
  createdAtMs: number;
  privateKey: CryptoKey;
};

/** A device token the gateway issued, kept per gateway URL + device id + role. */
export type StoredDeviceToken = {
  token: string;
  scopes: string[];
  issuedAtMs?: number;
  storedAtMs: number;
};

const IDENTITY_KEY = 'device-identity';

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Make a fresh Ed25519 identity. `extractable: false` covers the private key; the public key stays exportable. */
export async function createIdentity(): Promise<DeviceIdentity> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = await crypto.subtle.exportKey('raw', pair.publicKey);
  return {
    deviceId: await sha256Hex(raw),
    publicKey: base64url(raw),
    createdAtMs: Date.now(),
    privateKey: pair.privateKey,
  };
}

export async function sign(identity: DeviceIdentity, payload: string): Promise<string> {
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, identity.privateKey, new TextEncoder().encode(payload));
  return base64url(sig);
}

/** Identity and device tokens, persisted in one store. */
export function createDeviceVault(store: KeyValueStore) {
  const tokenKey = (gatewayUrl: string, deviceId: string, role: string) => `token|${gatewayUrl}|${deviceId}|${role}`;
  return {
    loadIdentity: () => store.get<DeviceIdentity>(IDENTITY_KEY),
    async ensureIdentity(): Promise<DeviceIdentity> {
      const existing = await store.get<DeviceIdentity>(IDENTITY_KEY);
      if (existing) return existing;
      const created = await createIdentity();
      await store.set(IDENTITY_KEY, created);
      return created;
    },
    loadToken: (gatewayUrl: string, deviceId: string, role: string) =>
      store.get<StoredDeviceToken>(tokenKey(gatewayUrl, deviceId, role)),
    storeToken: (gatewayUrl: string, deviceId: string, role: string, token: Omit<StoredDeviceToken, 'storedAtMs'>) =>
      store.set(tokenKey(gatewayUrl, deviceId, role), { ...token, storedAtMs: Date.now() }),
    clearToken: (gatewayUrl: string, deviceId: string, role: string) =>
      store.delete(tokenKey(gatewayUrl, deviceId, role)),
    /** "Forget this browser": the key and every token it was issued. */
    async forget() {
      for (const key of await store.keys())
        if (key === IDENTITY_KEY || key.startsWith('token|')) await store.delete(key);
    },
  };
}

export type DeviceVault = ReturnType<typeof createDeviceVault>;
