// Runner-side handle on bench/lib/clients-worker.mjs: spawns it on the sandbox's Node 24 and sends it commands.

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NODE_BIN } from '../../sandbox/launcher.mjs';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clients-worker.mjs');

/** @returns {{ send(cmd: object): Promise<any>, stop(): Promise<void>, pid: number }} */
export function startClients({ url, token }) {
  const child = spawn(NODE_BIN, [WORKER, url, token], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map();
  let nextId = 0;
  let exited = false;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', (code) => {
    exited = true;
    for (const w of waiting.values()) w.reject(new Error(`clients worker exited (${code})`));
    waiting.clear();
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.result);
    else w.reject(new Error(msg.error));
  });
  return {
    pid: child.pid,
    send(cmd) {
      if (exited) return Promise.reject(new Error('clients worker is not running'));
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ ...cmd, id })}\n`);
      });
    },
    async stop() {
      if (exited) return;
      child.stdin.end();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(t);
    },
  };
}
