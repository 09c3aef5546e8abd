// A bare WebSocket client for e2e specs: connects to a real gateway as any client (role operator or node, with or
// without an Ed25519 device identity), calls methods and collects events. Used for "another client connects",
// node-role clients, and to try over RPC what the page disables (the gateway must refuse it too).

import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import WebSocket from 'ws';

export type RawDevice = { id: string; publicKey: string; privateKey: KeyObject };

export type RawConnectOptions = {
  url: string;
  /** Shared gateway token; or deviceToken to connect as a paired device. */
  token?: string;
  deviceToken?: string;
  device?: RawDevice;
  client?: { id: string; mode: string; platform?: string; version?: string; displayName?: string };
  role?: 'operator' | 'node';
  scopes?: string[];
  /** Sent as the Origin header (browsers always send one; the gateway checks it). */
  origin?: string;
  caps?: string[];
  commands?: string[];
};

export type RawError = { code: string; message: string; details?: Record<string, unknown> };

export class RawCallError extends Error {
  constructor(readonly error: RawError) {
    super(`${error.code}: ${error.message}`);
  }
}

const b64url = (b: Buffer) => b.toString('base64url');

/** A fresh Ed25519 identity, device id = sha256(raw public key) in hex, as the gateway derives it. */
export function newDevice(): RawDevice {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { id: createHash('sha256').update(raw).digest('hex'), publicKey: b64url(raw), privateKey };
}

export function deviceFromPkcs8(pkcs8: Buffer, publicKeyB64: string): RawDevice {
  const raw = Buffer.from(publicKeyB64, 'base64url');
  return {
    id: createHash('sha256').update(raw).digest('hex'),
    publicKey: publicKeyB64,
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  };
}

export type RawSession = {
  hello: Record<string, unknown>;
  events: { event: string; payload: unknown }[];
  call: <T = Record<string, unknown>>(method: string, params?: unknown) => Promise<T>;
  /** The error a call gets, or null when it succeeded (for "the gateway refuses it" checks). */
  refusal: (method: string, params?: unknown) => Promise<RawError | null>;
  closed: Promise<{ code: number; reason: string }>;
  close: () => void;
};

/** Connect and finish the handshake; rejects with RawCallError when the gateway refuses the connect. */
export function rawConnect(opts: RawConnectOptions): Promise<RawSession> {
  const role = opts.role ?? 'operator';
  const scopes = opts.scopes ?? (role === 'operator' ? ['operator.read'] : []);
  const client = { platform: 'linux', version: '1.0.0', ...(opts.client ?? { id: 'cli', mode: 'cli' }) };
  const ws = new WebSocket(opts.url, opts.origin ? { origin: opts.origin } : {});
  const events: RawSession['events'] = [];
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let next = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      pending.forEach((p) => p.reject(new RawCallError({ code: 'CLOSED', message: `closed ${code}` })));
      resolve({ code, reason: reason.toString() });
    }),
  );
  const send = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = `r${++next}`;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });

  return new Promise<RawSession>((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.type === 'event' && frame.event === 'connect.challenge') {
        const ch = frame.payload as { nonce: string; ts: number };
        const auth: Record<string, string> = {};
        if (opts.token) auth.token = opts.token;
        if (opts.deviceToken) auth.deviceToken = opts.deviceToken;
        const params: Record<string, unknown> = {
          minProtocol: 3,
          maxProtocol: 4,
          client,
          role,
          scopes,
          caps: opts.caps ?? [],
          ...(opts.commands ? { commands: opts.commands } : {}),
          auth,
        };
        if (opts.device) {
          const signed = [
            'v3',
            opts.device.id,
            client.id,
            client.mode,
            role,
            scopes.join(','),
            String(ch.ts),
            auth.token ?? auth.deviceToken ?? '',
            ch.nonce,
            client.platform.toLowerCase(),
            '',
          ].join('|');
          params.device = {
            id: opts.device.id,
            publicKey: opts.device.publicKey,
            signature: b64url(sign(null, Buffer.from(signed), opts.device.privateKey)),
            signedAt: ch.ts,
            nonce: ch.nonce,
          };
        }
        send('connect', params).then(
          (hello) =>
            resolve({
              hello: hello as Record<string, unknown>,
              events,
              call: (method, p) => send(method, p ?? {}) as never,
              refusal: (method, p) =>
                send(method, p ?? {}).then(
                  () => null,
                  (e: unknown) => (e instanceof RawCallError ? e.error : { code: 'THROWN', message: String(e) }),
                ),
              closed,
              close: () => ws.close(),
            }),
          reject,
        );
        return;
      }
      if (frame.type === 'event') events.push({ event: String(frame.event), payload: frame.payload });
      if (frame.type === 'res') {
        const p = pending.get(String(frame.id));
        if (!p) return;
        pending.delete(String(frame.id));
        if (frame.ok) p.resolve(frame.payload);
        else p.reject(new RawCallError(frame.error as RawError));
      }
    });
  });
}
