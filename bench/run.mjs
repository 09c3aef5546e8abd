#!/usr/bin/env node
// npm run bench: clawscope against the gateway's own Control UI, side by side, on one sandbox gateway.
//
//   node bench/run.mjs [--runs 5] [--jobs 10000] [--cycles 200] [--route-rounds 3] [--no-doc]
//                      [--skip-routes] [--skip-burst] [--skip-storm] [--skip-10k]
//   node bench/run.mjs --report bench/results/<run>.json     (re-render the summary / BENCHMARKS.md from raw results;
//                                                             older result files render too, missing numbers as –)
//   node bench/run.mjs --dist <dir> ...                       (serve a prebuilt app instead of building; A/B checks)
//
// Phases (see BENCHMARKS.md for what every number means; the targets are issue 14's, as ratios clawscope median /
// Control UI median of the same run, printed with min / median / max):
//   1. build clawscope (vite build into a temp dir, precompressed Brotli/gzip, served by scripts/serve.mjs as in
//      production)
//   2. start a sandbox gateway (real OpenClaw 2026.9.6), add 20 cron jobs through cron.add
//   3. cold runs, alternating clawscope / Control UI, a fresh Chromium and profile each, then a repeat visit in the
//      same profile (deep link to the cron view); JS is counted over the whole path and, for clawscope, up to the
//      first in-app navigation (the first load)
//   4. route changes (clawscope, --route-rounds fresh browsers; --skip-routes): click a link of the main navigation
//      from inside the page, time click → the new page's rows on screen, first visits and returns separately
//   5. a burst of cron events on each app's cron view: how many re-reads it makes
//   6. clawscope's Presence page during 200 connect/disconnect cycles of other clients
//   7. 10,000 cron jobs: clawscope's cron list (first rows after the first page arrives, full count, scroll through
//      all rows counting long tasks)
// The machine's 1-minute load average is recorded at the start of every cold run, round and phase (loadAtStart,
// loadavg.phases) and printed per run, so a noisy run shows. Raw results go to bench/results/<timestamp>.json; the
// summary is printed and, without --no-doc, written into BENCHMARKS.md between its bench:results markers.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { NODE_BIN, startGateway } from '../sandbox/launcher.mjs';
import { serve } from '../scripts/serve.mjs';
import { startClients } from './lib/clients.mjs';
import { clawscopeWatchers, controlUiWatchers, probeScript, routeClickScript, routeTargets } from './lib/probe.mjs';
import { record, rpcWindow } from './lib/recorder.mjs';
import { renderDoc, renderSummary } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : def;
};
const CONFIG = {
  runs: opt('runs', 5),
  seedJobs: 20,
  bigJobs: opt('jobs', 10_000),
  stormCycles: opt('cycles', 200),
  stormParallel: 4,
  idleMs: 10_000,
  rpcWindowMs: 5_000,
  burstJobs: 10,
  /** One cron.add every 60 ms: a burst of about half a second, like the events of a few overlapping runs. */
  burstSpacingMs: 60,
  burstWatchMs: 8_000,
  scrollStepPx: 1_000,
  routeRounds: opt('route-rounds', 3),
  /** The in-app navigations of one route-change round, in order (every page twice: a first visit, a return). */
  routeSequence: ['Cron', 'Presence', 'Devices', 'Config', 'Session', 'Cron', 'Presence', 'Devices', 'Config'],
  /** After a page's rows are on screen, before the next click: let its remaining reads and renders finish. */
  routeSettleMs: 1_500,
  viewport: { width: 1400, height: 900 },
};
const LAUNCH = {
  executablePath: process.env.CLAWSCOPE_BENCH_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const t0 = Date.now();
const log = (...a) => console.error(`[bench +${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const r1 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 10) / 10 : (x ?? null));
/** The machine's 1-minute load average now (recorded at the start of every run and phase). */
const load1 = () => r1(os.loadavg()[0]);

// ---------------------------------------------------------------------------------------------------------------

/** Which clawscope was measured: the commit, and whether app sources differ from it. */
function gitInfo() {
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git('status', '--porcelain', '--', 'app', 'index.html', 'vite.config.ts', 'package.json', 'public');
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    subject: git('log', '-1', '--format=%s'),
    appSourcesDirty: dirty ? dirty.split('\n') : [],
  };
}

function machineInfo() {
  const cpus = os.cpus();
  let chromiumVersion = null;
  try {
    chromiumVersion = spawnSync(LAUNCH.executablePath, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
    }).stdout.trim();
  } catch {
    /* filled from the browser later */
  }
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memGiB: r1(os.totalmem() / 1024 ** 3),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion,
  };
}

async function build(outDir) {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code})`))));
    p.once('error', reject);
  });
  return Date.now() - started;
}

/** Files of the built app (what a cold load can fetch at most). */
function distSizes(dir) {
  const out = { js: 0, css: 0 };
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.js')) out.js += fs.statSync(p).size;
      else if (p.endsWith('.css')) out.css += fs.statSync(p).size;
    }
  };
  walk(dir);
  return out;
}

function appUrl(app, { gw, server, route = '/' }) {
  const token = encodeURIComponent(gw.token);
  return app === 'clawscope'
    ? `${server.url}${route}?gateway=${gw.url}#token=${token}`
    : `${gw.httpUrl}/automations#token=${token}`;
}

/**
 * One fresh browser + profile, the app loaded cold, instrumented. Returns { browser, page, rec, errors, timeOrigin }.
 */
async function openCold(app, ctx, watchers) {
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext({ viewport: CONFIG.viewport });
    return { browser, context, ...(await openPage(context, appUrl(app, ctx), watchers)) };
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}

/** A new tab in `context`, instrumented, navigated to `url`. */
async function openPage(context, url, watchers) {
  const page = await context.newPage();
  await page.addInitScript(probeScript(watchers));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
  const rec = await record(page);
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  rec.setTimeOrigin(timeOrigin);
  return { page, rec, errors, timeOrigin };
}

/**
 * Repeat visit in the same profile (paired, HTTP cache warm): a new tab deep-linked to the app's cron view, with no
 * token in the URL (clawscope connects with its stored device token; the Control UI with what it stored).
 */
async function repeatVisit(app, ctx, context, expectedJobs) {
  const url = app === 'clawscope' ? `${ctx.server.url}/cron?gateway=${ctx.gw.url}` : `${ctx.gw.httpUrl}/automations`;
  const watchers =
    app === 'clawscope'
      ? clawscopeWatchers({ expectedJobs, pair: false, nav: null, cron: true })
      : controlUiWatchers({ expectedJobs });
  const { page, rec } = await openPage(context, url, watchers);
  try {
    await waitFor(page, 'cronFull', 60_000);
    const st = await benchState(page);
    const rpc = rec.rpcLog();
    const bytes = rec.bytes();
    return {
      helloOkMs: r1(rpc.helloOks[0]?.at),
      liveDataMs: r1(st.t.cronFull),
      rpcsUntilLiveData: rpc.reqs.filter((r) => r.method !== 'connect' && r.at <= st.t.cronFull).length,
      requests: bytes.requests,
      transferredKiB: r1(bytes.all.encoded / 1024),
    };
  } finally {
    await page.close().catch(() => {});
    await rec.detach();
  }
}

const benchState = (page) =>
  page.evaluate(() => ({
    t: { ...window.__bench.t },
    now: performance.now(),
    longtasks: window.__bench.longtasks.slice(),
    events: window.__bench.events.slice(),
  }));

async function waitFor(page, name, timeoutMs) {
  await page.waitForFunction((n) => window.__bench && window.__bench.t[n] !== undefined, name, {
    timeout: timeoutMs,
    polling: 50,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cold runs

async function coldRun(app, ctx, expectedJobs, run) {
  const loadAtStart = load1();
  const watchers =
    app === 'clawscope' ? clawscopeWatchers({ expectedJobs, nav: 'Cron' }) : controlUiWatchers({ expectedJobs });
  const { browser, context, page, rec, errors, timeOrigin } = await openCold(app, ctx, watchers);
  try {
    await waitFor(page, 'cronFull', 90_000);
    let st = await benchState(page);
    const hello = rec.rpcLog().helloOks[0];
    const until = Math.max(st.t.cronFull + CONFIG.idleMs, (hello?.at ?? 0) + CONFIG.rpcWindowMs + 250);
    await sleep(until - st.now);
    const heap = (await rec.metrics()).JSHeapUsedSize;
    await rec.collectGarbage();
    const heapAfterGc = (await rec.metrics()).JSHeapUsedSize;
    st = await benchState(page);
    const rpc = rec.rpcLog();
    const firstHello = rpc.helloOks[0] ?? null;
    const lastHello = rpc.helloOks.at(-1) ?? null;
    const pwHello = rec.pw.recv.find((f) => f.data?.type === 'res' && f.data?.payload?.type === 'hello-ok');
    const bytes = rec.bytes();
    const t = st.t;
    const longest = st.longtasks.reduce((m, l) => Math.max(m, l.duration), 0);
    // JS of the first load: the scripts requested before the first in-app navigation (clawscope's click on Cron);
    // the Control UI has no navigation, so everything it loaded.
    const jsBeforeNav = { encoded: 0, decoded: 0, files: 0, until: t.navClick !== undefined ? r1(t.navClick) : null };
    for (const req of rec.requests.values()) {
      if (req.type !== 'Script') continue;
      const at = rec.pageTime(req.ts);
      if (t.navClick !== undefined && (at === null || at >= t.navClick)) continue;
      jsBeforeNav.encoded += req.encoded;
      jsBeforeNav.decoded += req.decoded;
      jsBeforeNav.files++;
    }
    await page.close();
    const repeat = await repeatVisit(app, ctx, context, expectedJobs).catch((err) => ({
      error: String(err.message ?? err).slice(0, 300),
    }));
    return {
      app,
      run,
      loadAtStart,
      repeat,
      bytes: { ...bytes, jsBeforeNav },
      requests: bytes.requests,
      helloOkMs: r1(firstHello?.at),
      helloOkDriverMs: r1(pwHello ? pwHello.at - timeOrigin : null),
      helloOks: rpc.helloOks.map((h) => ({ at: r1(h.at), scopes: h.scopes?.length ?? null })),
      liveDataMs: r1(t.cronFull),
      firstRowMs: r1(t.cronFirstRow),
      pairButtonMs: r1(t.pairButton),
      pairClickMs: r1(t.pairClick),
      scopesFullMs: r1(t.scopesFull),
      pairToFullScopesMs: t.pairClick !== undefined ? r1(t.scopesFull - t.pairClick) : null,
      pairToHelloOkMs: t.pairClick !== undefined && lastHello ? r1(lastHello.at - t.pairClick) : null,
      navClickMs: r1(t.navClick),
      navToRowsMs: t.navClick !== undefined ? r1(t.cronFull - t.navClick) : null,
      rpc: rpcWindow(rpc.reqs, firstHello?.at ?? 0, CONFIG.rpcWindowMs, rpc.events),
      rpcAfterLastHello: rpc.helloOks.length > 1 ? rpcWindow(rpc.reqs, lastHello.at, CONFIG.rpcWindowMs) : null,
      rpcTotal: rpc.reqs.filter((r) => r.method !== 'connect').length,
      rpcDriverCount: rec.pw.sent.filter((f) => f.data?.type === 'req' && f.data.method !== 'connect').length,
      requestLog: rpc.reqs
        .filter((r) => r.method !== 'connect')
        .map((r) => ({
          at: r1(r.at),
          socket: r.socket.slice(-6),
          method: r.method,
          params: r.params,
          ms: r1(r.resAt - r.at),
          ok: r.ok,
        })),
      heapUsed: heap,
      heapUsedAfterGc: heapAfterGc,
      httpTimeline: rec.timeline(),
      longTasks: {
        count: st.longtasks.length,
        longestMs: r1(longest),
        totalMs: r1(st.longtasks.reduce((s, l) => s + l.duration, 0)),
      },
      errors,
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Route changes: in-app navigations through the main navigation, click → the new page's rows on screen

/**
 * One round: a fresh Chromium + profile, first visit with the token, Pair (the watchers click it), and once the
 * Session page shows full scopes, CONFIG.routeSequence: each a click on a link of nav[aria-label="Main"] dispatched
 * from the page, timed in-page to the new page's rows (routeTargets). A page's first click in the round is its first
 * visit (its chunk loads, its reads start cold); later ones are returns (chunk and query cache warm). The Session
 * page is the landing page, so its click is always a return.
 */
async function routeRun(ctx, expectedJobs, round) {
  const loadAtStart = load1();
  const { browser, page, rec, errors } = await openCold(
    'clawscope',
    ctx,
    clawscopeWatchers({ expectedJobs, pair: true, nav: null, cron: false }),
  );
  try {
    await waitFor(page, 'scopesFull', 60_000);
    await sleep(CONFIG.routeSettleMs);
    const targets = routeTargets(expectedJobs);
    const seen = new Set(['Session']);
    const clicks = [];
    for (const label of CONFIG.routeSequence) {
      const target = targets[label];
      const visit = seen.has(label) ? 'return' : 'first';
      seen.add(label);
      const res = await page.evaluate(routeClickScript(label, target.test, 20_000));
      // What the navigation fetched (the page's chunk on a first visit), from the recorder's HTTP timeline.
      const end = res.rowsAt ?? res.t0 + 20_000;
      const fetched = rec
        .timeline()
        .filter(([name, start]) => start !== null && start >= res.t0 - 1 && start <= end && /\.js$/.test(name));
      const rows = res.error ? null : await page.locator(target.rows).count();
      clicks.push({
        page: label,
        visit,
        at: r1(res.t0),
        rowsMs: res.error ? null : r1(res.rowsAt - res.t0),
        frameMs: res.error ? null : r1(res.frameAt - res.t0),
        rows,
        jsFetched: fetched.length,
        jsFetchedBytes: fetched.reduce((n, f) => n + (f[3] ?? 0), 0),
        ...(res.error ? { error: res.error, path: res.path } : {}),
      });
      await sleep(CONFIG.routeSettleMs);
    }
    const st = await benchState(page);
    return {
      round,
      loadAtStart,
      scopesFullMs: r1(st.t.scopesFull),
      clicks,
      longestTaskMs: r1(st.longtasks.reduce((m, l) => Math.max(m, l.duration), 0)),
      errors,
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * An empty HTML page in a fresh browser, with the same init script, CDP recording and idle wait as a cold run: what
 * the browser and the instrumentation hold with no app (the apps' heaps are reported with and without it).
 */
async function emptyPageRun() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-bench-empty-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>empty</title><p>empty</p>\n');
  const server = await serve({ dir, port: 0 });
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext({ viewport: CONFIG.viewport });
    const { page, rec } = await openPage(context, `${server.url}/`, clawscopeWatchers({ expectedJobs: 1 }));
    await page.waitForFunction(() => window.__bench && document.body, null, { polling: 50 });
    await benchState(page);
    await sleep(CONFIG.idleMs);
    const heapUsed = (await rec.metrics()).JSHeapUsedSize;
    await rec.collectGarbage();
    return { heapUsed, heapUsedAfterGc: (await rec.metrics()).JSHeapUsedSize };
  } finally {
    await browser.close().catch(() => {});
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Burst of cron events while the cron view is open

async function burstRun(app, ctx, clients, expectedJobs, burstNo) {
  const loadAtStart = load1();
  const watchers =
    app === 'clawscope' ? clawscopeWatchers({ expectedJobs, nav: 'Cron' }) : controlUiWatchers({ expectedJobs });
  const { browser, page, rec } = await openCold(app, ctx, watchers);
  try {
    await waitFor(page, 'cronFull', 90_000);
    await sleep(4_000); // let the load settle
    const startAt = (await benchState(page)).now;
    const sent = await clients.send({
      cmd: 'seed',
      from: 90_000 + burstNo * 100,
      count: CONFIG.burstJobs,
      prefix: 'burst',
      spacingMs: CONFIG.burstSpacingMs,
    });
    const addedAt = (await benchState(page)).now;
    await sleep(CONFIG.burstWatchMs);
    const rpc = rec.rpcLog();
    const after = rpc.reqs.filter((r) => r.at >= startAt && r.method !== 'connect');
    const cronEvents = rpc.events.filter((e) => e.at >= startAt && e.event === 'cron');
    const byMethod = {};
    for (const r of after) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
    const listReads = after.filter((r) => r.method === 'cron.list');
    // A "re-read" of the list: clawscope reads every page from offset 0; the Control UI reads its first page(s).
    const rereads = listReads.filter((r) => (r.params?.offset ?? 0) === 0).length;
    return {
      app,
      loadAtStart,
      jobsAdded: sent.created,
      burstMs: r1(addedAt - startAt),
      cronEvents: cronEvents.length,
      cronEventSpanMs: cronEvents.length ? r1(cronEvents.at(-1).at - cronEvents[0].at) : null,
      rpcs: after.length,
      byMethod,
      listRereads: rereads,
      statusReads: byMethod['cron.status'] ?? 0,
      requestLog: after.map((r) => ({ at: r1(r.at - startAt), method: r.method, params: r.params })),
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Presence page during a connect/disconnect storm

async function stormRun(ctx, clients) {
  const loadAtStart = load1();
  const { browser, page, rec } = await openCold('clawscope', ctx, clawscopeWatchers({ nav: 'Presence' }));
  try {
    await waitFor(page, 'presenceReady', 60_000);
    await sleep(2_000);
    const logButton = page.getByRole('button', { name: /^Log/ }).first();
    const lb = await logButton.boundingBox();
    // Open once to find the filter box, then close (Escape).
    await page.mouse.click(lb.x + lb.width / 2, lb.y + lb.height / 2);
    const filter = page.getByRole('searchbox', { name: 'Filter the log' });
    await filter.waitFor({ timeout: 10_000 });
    const fb = await filter.boundingBox();
    await page.keyboard.press('Escape');
    await sleep(500);

    const interactions = [];
    /** One interaction cycle: click "Log" (opens the drawer), click into its filter, type two characters, delete them, Esc. */
    const cycle = async (phase) => {
      const act = async (kind, fn) => {
        const s = performance.now();
        await fn();
        interactions.push({ phase, kind, ms: r1(performance.now() - s) });
      };
      await act('click', () => page.mouse.click(lb.x + lb.width / 2, lb.y + lb.height / 2));
      await act('click', () => page.mouse.click(fb.x + fb.width / 2, fb.y + fb.height / 2));
      for (const key of ['c', 'r', 'Backspace', 'Backspace']) await act('key', () => page.keyboard.press(key));
      await act('key', () => page.keyboard.press('Escape'));
    };

    const baseStart = (await benchState(page)).now;
    for (let i = 0; i < 4; i++) await cycle('baseline');
    const baseEnd = (await benchState(page)).now;
    await sleep(500);

    const stormStart = (await benchState(page)).now;
    let done = false;
    const storm = clients
      .send({ cmd: 'storm', cycles: CONFIG.stormCycles, parallel: CONFIG.stormParallel })
      .finally(() => {
        done = true;
      });
    let cycles = 0;
    while (!done) {
      await cycle('storm');
      cycles++;
    }
    const stormResult = await storm;
    const stormEnd = (await benchState(page)).now;
    await sleep(1_500);
    const st = await benchState(page);
    const rpc = rec.rpcLog();
    const inWin = (x, a, b) => x >= a && x <= b;
    const longStorm = st.longtasks.filter((l) => inWin(l.start, stormStart, stormEnd + 1_500));
    const longBase = st.longtasks.filter((l) => inWin(l.start, baseStart, baseEnd));
    const evStorm = st.events.filter((e) => inWin(e.start, stormStart, stormEnd + 1_500));
    const evBase = st.events.filter((e) => inWin(e.start, baseStart, baseEnd));
    const stat = (xs) => {
      const v = xs.slice().sort((a, b) => a - b);
      return v.length
        ? {
            n: v.length,
            median: r1(v[Math.floor(v.length / 2)]),
            p95: r1(v[Math.min(v.length - 1, Math.floor(v.length * 0.95))]),
            max: r1(v.at(-1)),
          }
        : { n: 0 };
    };
    const presenceEvents = rpc.events.filter(
      (e) => e.event === 'presence' && inWin(e.at, stormStart, stormEnd + 1_500),
    ).length;
    const reqsDuring = rpc.reqs.filter((r) => r.method !== 'connect' && inWin(r.at, stormStart, stormEnd + 1_500));
    const onlineRows = await page.locator('table[aria-label="Online clients"] tbody tr').count();
    return {
      loadAtStart,
      storm: stormResult,
      stormMs: r1(stormEnd - stormStart),
      presenceEventsReceived: presenceEvents,
      rpcsSentDuringStorm: reqsDuring.length,
      rpcMethodsDuringStorm: [...new Set(reqsDuring.map((r) => r.method))],
      longestTaskMs: r1(longStorm.reduce((m, l) => Math.max(m, l.duration), 0)),
      longTasks: longStorm.length,
      longTasksTotalMs: r1(longStorm.reduce((s, l) => s + l.duration, 0)),
      baselineLongestTaskMs: r1(longBase.reduce((m, l) => Math.max(m, l.duration), 0)),
      interactionCycles: cycles,
      inputAck: {
        baseline: stat(interactions.filter((i) => i.phase === 'baseline').map((i) => i.ms)),
        storm: stat(interactions.filter((i) => i.phase === 'storm').map((i) => i.ms)),
      },
      eventTiming: {
        baseline: { over16: evBase.length, maxMs: r1(Math.max(0, ...evBase.map((e) => e.duration))) },
        storm: {
          over16: evStorm.length,
          maxMs: r1(Math.max(0, ...evStorm.map((e) => e.duration))),
          maxInputDelayMs: r1(Math.max(0, ...evStorm.map((e) => e.processingStart - e.start))),
        },
        // The slowest inputs: which event, how long it waited (delay), ran (processing) and took to the next paint.
        slowest: evStorm
          .slice()
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 6)
          .map((e) => ({
            name: e.name,
            at: r1(e.start - stormStart),
            durationMs: r1(e.duration),
            delayMs: r1(e.processingStart - e.start),
            processingMs: r1(e.processingEnd - e.processingStart),
          })),
      },
      onlineRowsAfter: onlineRows,
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 10,000 cron jobs

async function seedBig(gw, clients, total) {
  log(`stopping the gateway to write ${total} jobs into its store`);
  await gw.stop();
  const db = path.join(gw.openclawDir, 'state', 'openclaw.sqlite');
  const out = spawnSync(NODE_BIN, [path.join(ROOT, 'bench', 'lib', 'seed-sqlite.mjs'), db, String(total), 'bulk'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`seed-sqlite failed: ${out.stderr || out.stdout}`);
  const seeded = JSON.parse(out.stdout.trim().split('\n').at(-1));
  const started = Date.now();
  await gw.start();
  const restartMs = Date.now() - started;
  const listed = await clients.send({
    cmd: 'call',
    method: 'cron.list',
    params: { includeDisabled: true, includeDeliveryPreviews: false, limit: 1, offset: 0 },
    timeoutMs: 120_000,
  });
  return { ...seeded, restartMs, listedTotal: listed.total };
}

/** What one cron.list page of 200 costs the gateway with 10,000 jobs, with and without delivery previews. */
async function pageCost(clients) {
  const variants = {
    clawscope: { includeDisabled: true },
    withoutDeliveryPreviews: { includeDisabled: true, includeDeliveryPreviews: false },
    compactWithoutPreviews: { includeDisabled: true, includeDeliveryPreviews: false, compact: true },
  };
  const out = {};
  for (const [name, params] of Object.entries(variants)) {
    const ms = [];
    for (const offset of [0, 2000, 4000, 6000, 8000]) {
      const s = Date.now();
      await clients.send({
        cmd: 'call',
        method: 'cron.list',
        params: { ...params, limit: 200, offset },
        timeoutMs: 60_000,
      });
      ms.push(Date.now() - s);
    }
    ms.sort((a, b) => a - b);
    out[name] = { medianMs: ms[2], ms };
  }
  return out;
}

async function bigListRun(ctx, expectedJobs) {
  const loadAtStart = load1();
  const { browser, page, rec } = await openCold('clawscope', ctx, clawscopeWatchers({ expectedJobs, nav: 'Cron' }));
  try {
    await waitFor(page, 'cronFull', 300_000);
    await sleep(1_000);
    let st = await benchState(page);
    const rpc = rec.rpcLog();
    // The full read: cron.list pages of 200 (the Session page's access probe asks limit 1) on the last connection.
    const lastSocket = rpc.helloOks.at(-1)?.socket;
    const pages = rpc.reqs.filter(
      (r) =>
        r.method === 'cron.list' &&
        r.params?.limit === 200 &&
        (lastSocket === undefined || r.socket === lastSocket) &&
        r.resAt !== undefined &&
        r.resAt <= st.t.cronFull,
    );
    const firstPage = pages[0];
    const lastPage = pages.reduce((m, r) => (r.resAt > (m?.resAt ?? -1) ? r : m), null);
    const t = st.t;

    // Scroll the list container from top to bottom, CONFIG.scrollStepPx per animation frame.
    const before = await rec.metrics();
    const scroll = await page.evaluate(async (step) => {
      const el = document.querySelector('[data-testid="jobs-scroll"]');
      const t0 = performance.now();
      let frames = 0;
      let maxGap = 0;
      let last = t0;
      await new Promise((resolve) => {
        const tick = (ts) => {
          frames++;
          maxGap = Math.max(maxGap, ts - last);
          last = ts;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve();
          el.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await new Promise((r) => setTimeout(r, 300));
      const rows = [...document.querySelectorAll('[role="row"][data-job-id]')];
      const lastIndex = Math.max(...rows.map((r) => Number(r.getAttribute('aria-rowindex'))));
      return {
        t0,
        t1: performance.now(),
        frames,
        maxFrameGapMs: maxGap,
        scrollHeight: el.scrollHeight,
        lastRowIndex: lastIndex,
        rowsInDom: rows.length,
        rowCount: Number(
          document.querySelector('[role="table"][aria-label="Cron jobs"]').getAttribute('aria-rowcount'),
        ),
      };
    }, CONFIG.scrollStepPx);
    const after = await rec.metrics();
    // Main-thread time per scrolled frame, split as Chromium accounts it (seconds in Performance.getMetrics).
    const perFrame = (k) => r1((((after[k] ?? 0) - (before[k] ?? 0)) * 1000) / Math.max(1, scroll.frames));
    const mainThreadPerFrame = {
      taskMs: perFrame('TaskDuration'),
      scriptMs: perFrame('ScriptDuration'),
      layoutMs: perFrame('LayoutDuration'),
      styleMs: perFrame('RecalcStyleDuration'),
    };
    st = await benchState(page);
    const longScroll = st.longtasks.filter((l) => l.start >= scroll.t0 && l.start <= scroll.t1);
    const longLoad = st.longtasks.filter((l) => l.start <= t.cronFull + 1_000);
    const maxDur = (xs) => r1(xs.reduce((m, l) => Math.max(m, l.duration), 0));
    return {
      loadAtStart,
      expectedJobs,
      pagesRead: pages.length,
      navClickMs: r1(t.navClick),
      firstListRequestMs: r1(firstPage?.at),
      firstPageArrivedMs: r1(firstPage?.resAt),
      lastPageArrivedMs: r1(lastPage?.resAt),
      fetchAllMs: r1(lastPage && firstPage ? lastPage.resAt - firstPage.at : null),
      gatewayMsPerPage: r1(pages.length ? pages.reduce((s, r) => s + (r.resAt - r.at), 0) / pages.length : null),
      firstRowsMs: r1(t.cronFirstRow),
      fullCountMs: r1(t.cronFull),
      firstRowsAfterDataMs: r1(lastPage ? t.cronFirstRow - lastPage.resAt : null),
      fullCountAfterDataMs: r1(lastPage ? t.cronFull - lastPage.resAt : null),
      firstRowsAfterFirstPageMs: r1(firstPage ? t.cronFirstRow - firstPage.resAt : null),
      fullCountAfterFirstPageMs: r1(firstPage ? t.cronFull - firstPage.resAt : null),
      navToFirstRowsMs: r1(t.cronFirstRow - t.navClick),
      loadLongestTaskMs: maxDur(longLoad),
      loadLongTasks: longLoad.length,
      scroll: {
        ms: r1(scroll.t1 - scroll.t0),
        frames: scroll.frames,
        stepPx: CONFIG.scrollStepPx,
        scrollHeight: scroll.scrollHeight,
        maxFrameGapMs: r1(scroll.maxFrameGapMs),
        reachedLastRow: scroll.lastRowIndex === scroll.rowCount,
        lastRowIndex: scroll.lastRowIndex,
        rowCount: scroll.rowCount,
        rowsInDom: scroll.rowsInDom,
        longTasks: longScroll.length,
        longestTaskMs: maxDur(longScroll),
        longTasksOver50: longScroll.filter((l) => l.duration > 50).length,
        mainThreadPerFrame,
      },
      heapUsed: (await rec.metrics()).JSHeapUsedSize,
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const results = {
    date: started.toISOString(),
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    config: CONFIG,
    machine: machineInfo(),
    clawscope: gitInfo(),
    loadavg: { start: os.loadavg().map((x) => r1(x)) },
    phases: {},
  };
  const cleanup = [];
  try {
    const distIndex = args.indexOf('--dist');
    let outDir;
    if (distIndex >= 0) {
      // A prebuilt app (A/B experiments on a patched copy); the measured commit is then whatever built it.
      outDir = path.resolve(args[distIndex + 1]);
      results.clawscope.prebuiltDist = outDir;
      log(`serving the prebuilt ${outDir}`);
    } else {
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawscope-bench-dist-'));
      cleanup.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
      log('building clawscope');
      results.phases.buildMs = await build(outDir);
    }
    results.dist = distSizes(outDir);

    log('starting the sandbox gateway');
    const gwStarted = Date.now();
    const gw = await startGateway({ quiet: true });
    cleanup.push(() => gw.stop({ removeState: true }));
    results.gateway = { version: gw.openclawVersion, pid: gw.pid, startMs: Date.now() - gwStarted };
    const server = await serve({ dir: outDir, port: 0 });
    cleanup.push(() => server.close());
    const clients = startClients({ url: gw.url, token: gw.token });
    cleanup.push(() => clients.stop());
    const ctx = { gw, server };

    const seeded = await clients.send({ cmd: 'seed', from: 0, count: CONFIG.seedJobs });
    // What each app lists: clawscope every job; the Control UI the jobs of its selected agent (main), which also
    // includes the agent's declared jobs (heartbeat, skill review) that an unfiltered cron.list leaves out.
    const totals = async () => {
      const list = (params) =>
        clients.send({
          cmd: 'call',
          method: 'cron.list',
          params: { includeDisabled: true, includeDeliveryPreviews: false, limit: 1, offset: 0, ...params },
        });
      return { clawscope: (await list({})).total, controlUi: (await list({ agentId: 'main' })).total };
    };
    // The gateway adds the agent's declared jobs (heartbeat, skill review) some seconds after it is ready: wait until
    // the totals stop moving (5 s unchanged, at most 40 s) so every run sees the same list.
    let jobs = await totals();
    for (
      let stableSince = Date.now(), deadline = Date.now() + 40_000;
      Date.now() - stableSince < 5_000 && Date.now() < deadline;
    ) {
      await sleep(1_000);
      const next = await totals();
      if (next.clawscope !== jobs.clawscope || next.controlUi !== jobs.controlUi) stableSince = Date.now();
      jobs = next;
    }
    results.seed = { ...seeded, listedTotal: jobs.clawscope, listedTotalControlUi: jobs.controlUi };
    log(`gateway ${gw.openclawVersion} on ${gw.url}, ${jobs.clawscope} cron jobs (${jobs.controlUi} for agent main)`);

    // The browser's own heap under this instrumentation: an empty page, loaded and measured like the apps.
    results.emptyPage = [];
    for (let i = 0; i < 3; i++) results.emptyPage.push(await emptyPageRun());
    log(`empty page: heap ${results.emptyPage.map((e) => (e.heapUsed / 1048576).toFixed(2)).join(' / ')} MiB`);

    // Cold runs, alternating.
    results.loadavg.phases = { cold: load1() };
    results.cold = { clawscope: [], controlUi: [] };
    for (let i = 0; i < CONFIG.runs; i++) {
      const order = i % 2 === 0 ? ['clawscope', 'controlUi'] : ['controlUi', 'clawscope'];
      for (const app of order) {
        const r = await coldRun(app, ctx, jobs[app], i + 1);
        results.cold[app].push(r);
        log(
          `cold ${i + 1}/${CONFIG.runs} ${app.padEnd(9)} load ${r.loadAtStart}, hello-ok ${r.helloOkMs} ms, live data ${r.liveDataMs} ms, ${r.rpc.count} RPCs (${r.rpc.duplicates} dup), JS ${(r.bytes.js.encoded / 1024).toFixed(0)} KiB, heap ${(r.heapUsed / 1048576).toFixed(1)} MiB`,
        );
      }
    }

    if (!flag('skip-routes')) {
      jobs = await totals();
      results.loadavg.phases.routes = load1();
      results.routes = { rounds: [], expectedJobs: jobs.clawscope };
      for (let i = 0; i < CONFIG.routeRounds; i++) {
        const r = await routeRun(ctx, jobs.clawscope, i + 1);
        results.routes.rounds.push(r);
        log(
          `routes ${i + 1}/${CONFIG.routeRounds} load ${r.loadAtStart}: ${r.clicks.map((c) => `${c.page}${c.visit === 'first' ? '' : '²'} ${c.rowsMs ?? c.error}`).join(', ')} ms`,
        );
      }
    }

    if (!flag('skip-burst')) {
      results.loadavg.phases.burst = load1();
      results.burst = {};
      let n = 0;
      for (const app of ['clawscope', 'controlUi']) {
        jobs = await totals();
        results.burst[app] = await burstRun(app, ctx, clients, jobs[app], n++);
        log(
          `burst ${app}: ${results.burst[app].cronEvents} cron events -> ${results.burst[app].listRereads} list re-reads, ${results.burst[app].statusReads} status reads`,
        );
      }
    }

    if (!flag('skip-storm')) {
      results.loadavg.phases.storm = load1();
      results.storm = await stormRun(ctx, clients);
      const s = results.storm;
      log(
        `storm: ${s.storm.cycles} cycles in ${s.storm.ms} ms, longest task ${s.longestTaskMs} ms, input ack max ${s.inputAck.storm.max} ms`,
      );
    }

    if (!flag('skip-10k')) {
      results.loadavg.phases.big = load1();
      results.big = { seed: await seedBig(gw, clients, CONFIG.bigJobs) };
      log(`gateway restarted with ${results.big.seed.listedTotal} jobs (${results.big.seed.restartMs} ms)`);
      results.big.run = await bigListRun(ctx, results.big.seed.listedTotal);
      results.big.gatewayPageCost = await pageCost(clients);
      const b = results.big.run;
      log(
        `10k: ${b.pagesRead} pages in ${b.fetchAllMs} ms, first rows ${b.firstRowsAfterFirstPageMs} ms after the first page, scroll long tasks > 50 ms: ${b.scroll.longTasksOver50}`,
      );
    }
  } finally {
    for (const fn of cleanup.reverse())
      await Promise.resolve()
        .then(fn)
        .catch((e) => log(`cleanup: ${e.message}`));
  }
  results.loadavg.end = os.loadavg().map((x) => r1(x));
  results.durationMs = Date.now() - t0;

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = started
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(tmp, file);
  const summary = renderSummary(results, path.relative(ROOT, file));
  console.log(summary);
  if (!flag('no-doc')) renderDoc(path.join(ROOT, 'BENCHMARKS.md'), summary);
  log(`raw results: ${path.relative(ROOT, file)} (${(results.durationMs / 1000).toFixed(0)} s in all)`);
}

/** --report <results.json>: print the summary of an earlier run and write it into BENCHMARKS.md (no measuring). */
function reportOnly(file) {
  const results = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  const summary = renderSummary(results, path.relative(ROOT, path.resolve(file)));
  console.log(summary);
  if (!flag('no-doc')) renderDoc(path.join(ROOT, 'BENCHMARKS.md'), summary);
}

const reportIndex = args.indexOf('--report');
(reportIndex >= 0 ? Promise.resolve().then(() => reportOnly(args[reportIndex + 1])) : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
