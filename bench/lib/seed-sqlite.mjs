// Bulk-create cron jobs in a STOPPED sandbox gateway's state database. Runs on the sandbox's Node 24 (node:sqlite).
//
//   <sandbox node> bench/lib/seed-sqlite.mjs <openclaw.sqlite> <total jobs wanted> [prefix]
//
// Why not cron.add: on OpenClaw 2026.9.6 every cron.add costs time proportional to the number of jobs already
// stored (measured here: 300 adds took 32 s at 0-300 jobs, 57 s at 300-600, 151 s at 600-900, 215 s at
// 900-1,200), so 10,000 jobs through the API would take hours, and cron.add is also a control-plane write
// limited to 30 per minute per connection. Instead the bench adds a few jobs through cron.add (the shape
// reference) and writes the rest as rows exactly like the gateway's own row codec would (it imports that codec
// from the installed openclaw package for the grant-definition revision and the schedule identity), then starts
// the gateway, which loads them like any stored jobs. Prints one JSON line: { inserted, total, ms }.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { benchJob } from './gw-client.mjs';

const [dbFile, wantedArg, prefix = 'bulk'] = process.argv.slice(2);
const wanted = Number(wantedArg);
if (!dbFile || !Number.isInteger(wanted)) {
  console.error('usage: seed-sqlite.mjs <openclaw.sqlite> <total jobs wanted> [prefix]');
  process.exit(2);
}

/** The gateway's row codec (src/cron/store/row-codec.ts) from the installed package; export names are minified. */
async function loadRowCodec() {
  const dist = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '../../sandbox/node_modules/openclaw/dist',
  );
  const file = fs
    .readdirSync(dist)
    .find(
      (f) =>
        /^row-codec-.*\.mjs$/.test(f) &&
        fs.readFileSync(path.join(dist, f), 'utf8').includes('function resolveCronJobGrantDefinitionRevision('),
    );
  if (!file) throw new Error(`no cron row codec in ${dist}`);
  const src = fs.readFileSync(path.join(dist, file), 'utf8');
  const exportLine = /export \{([^}]*)\};?\s*$/.exec(src)?.[1] ?? '';
  const names = Object.fromEntries(
    exportLine
      .split(',')
      .map((p) => p.trim().split(/\s+as\s+/))
      .filter((p) => p.length === 2),
  );
  const mod = await import(pathToFileURL(path.join(dist, file)).href);
  const revision = mod[names.resolveCronJobGrantDefinitionRevision];
  const scheduleIdentity = mod[names.tryCronScheduleIdentity];
  if (typeof revision !== 'function' || typeof scheduleIdentity !== 'function')
    throw new Error(`row codec ${file}: exports not found`);
  return { revision, scheduleIdentity };
}

const t0 = performance.now();
const codec = await loadRowCodec();
const db = new DatabaseSync(dbFile);
const rows = db
  .prepare(
    'SELECT store_key, MAX(sort_order) AS maxOrder, COUNT(*) AS n FROM cron_jobs GROUP BY store_key ORDER BY n DESC',
  )
  .all();
if (!rows.length)
  throw new Error('cron_jobs is empty: add at least one job through cron.add first (it creates the store partition)');
const { store_key: storeKey, maxOrder } = rows[0];
const existing = db.prepare('SELECT COUNT(*) AS n FROM cron_jobs WHERE store_key = ?').get(storeKey).n;
const toInsert = Math.max(0, wanted - existing);

const insert =
  db.prepare(`INSERT INTO cron_jobs (store_key, job_id, declaration_key, owner_agent_id, name, description, enabled, agent_id,
  payload_kind, job_json, grant_definition_revision, grant_definition_generation, grant_definition_updated_at, state_json,
  runtime_updated_at_ms, schedule_identity, sort_order, updated_at) VALUES (?, ?, NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`);
const now = Date.now();
db.exec('BEGIN');
try {
  for (let k = 0; k < toInsert; k++) {
    const spec = benchJob(existing + k, prefix);
    const createdAtMs = now + k;
    const schedule = spec.schedule.kind === 'every' ? { ...spec.schedule, anchorMs: createdAtMs } : spec.schedule;
    const job = { id: randomUUID(), ...spec, createdAtMs, schedule, state: {} };
    const state = schedule.kind === 'every' ? { nextRunAtMs: createdAtMs + schedule.everyMs } : {};
    insert.run(
      storeKey,
      job.id,
      job.name,
      job.description,
      job.enabled ? 1 : 0,
      job.payload.kind,
      JSON.stringify(job),
      codec.revision(job),
      createdAtMs,
      JSON.stringify(state),
      createdAtMs,
      codec.scheduleIdentity({ ...job }) ?? null,
      maxOrder + 1 + k,
      createdAtMs,
    );
  }
  db.exec('COMMIT');
} catch (err) {
  db.exec('ROLLBACK');
  throw err;
}
const total = db.prepare('SELECT COUNT(*) AS n FROM cron_jobs WHERE store_key = ?').get(storeKey).n;
db.close();
console.log(JSON.stringify({ inserted: toInsert, total, ms: Math.round(performance.now() - t0) }));
