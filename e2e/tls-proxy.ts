// A real TLS reverse proxy (Debian's nginx) in front of a sandbox gateway, the way people deploy remote gateways:
// wss://127.0.0.1:<port> -> ws://127.0.0.1:<gateway port>, with a throwaway self-signed certificate.
//
// Test traffic stays on loopback. The proxy stands in for one on the Internet by sending a fixed remote client address
// (REMOTE_CLIENT_IP, a documentation address that only ever appears in this header) as X-Forwarded-For, which the
// gateway honours only from an address in gateway.trustedProxies (without it: HTTP 403 proxy_attribution_required).
// The gateway therefore treats the browser as remote, exactly as behind a real proxy: origin-checked, approval needed.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { E2E_STATE_ROOT } from './gateway';

export interface TlsProxy {
  /** wss://<host address>:<port> */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The browser's address as the proxy reports it: TEST-NET-3 (RFC 5737), never contacted, only a header value. */
export const REMOTE_CLIENT_IP = '203.0.113.10';

export function nginxBinary(): string {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  throw new Error('nginx is not installed: apt-get install -y nginx-light (.ci/run does this)');
}

function freePortOn(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForTls(host: string, port: number, child: ChildProcess, log: string, timeoutMs = 15_000) {
  const t0 = Date.now();
  return new Promise<void>((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`nginx exited (${child.exitCode}): ${readTail(log)}`));
      const sock = net.connect(port, host);
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() - t0 > timeoutMs) reject(new Error(`nginx not listening on ${host}:${port}: ${readTail(log)}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

const readTail = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-2000) : '(no log)');

/** Start nginx terminating TLS for `upstreamPort` (a gateway on 127.0.0.1). Stop it in afterAll. */
export async function startTlsProxy(upstreamPort: number): Promise<TlsProxy> {
  const host = '127.0.0.1';
  const port = await freePortOn(host);
  const dir = path.join(E2E_STATE_ROOT, `tls-${process.pid}-${Date.now().toString(36)}`);
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  // A throwaway certificate for this address only; the spec's browser is told to accept it.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=clawscope-e2e',
      '-addext',
      `subjectAltName=IP:${host}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const errorLog = path.join(dir, 'error.log');
  const tmp = path.join(dir, 'tmp');
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${errorLog} info;
events { worker_connections 256; }
http {
  access_log ${path.join(dir, 'access.log')};
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen ${host}:${port} ssl;
    ssl_certificate ${cert};
    ssl_certificate_key ${key};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For ${REMOTE_CLIENT_IP};
      proxy_set_header X-Forwarded-Proto https;
      proxy_read_timeout 1h;
    }
  }
}
`,
  );
  const child = spawn(nginxBinary(), ['-p', dir, '-e', errorLog, '-c', conf, '-g', 'daemon off;'], {
    stdio: 'ignore',
    detached: true,
  });
  await waitForTls(host, port, child, errorLog);
  return {
    url: `wss://${host}:${port}`,
    host,
    port,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
