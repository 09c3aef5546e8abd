// Markdown summary of a bench run, and its place in BENCHMARKS.md (between the bench:results markers).

import fs from 'node:fs';
import { stableJson } from './recorder.mjs';
import { summarize } from './stats.mjs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const fmt = (x, digits = 0) =>
  typeof x === 'number' && Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
const mmm = (s, digits = 0) =>
  s.n ? `${fmt(s.min, digits)} / **${fmt(s.median, digits)}** / ${fmt(s.max, digits)}` : '–';
const pass = (ok) => (ok === null || ok === undefined ? '' : ok ? '**met**' : '**missed**');

/** min / median / max of `values` and whether the median meets `limit` (ms, lower is better). */
const within = (values, limit) => {
  const st = summarize(values);
  return { st, ok: st.median === null ? null : st.median <= limit };
};

/**
 * Requests repeated with the same method + params in the window after a run's first hello-ok, from the run's raw
 * requestLog (older result files without one: the keys rpcWindow kept). → [{ key, n, sameSocket }]
 */
function duplicatesOf(x, windowMs) {
  if (!Array.isArray(x?.requestLog)) return (x?.rpc?.duplicateKeys ?? []).map((k) => ({ key: k, n: null }));
  const from = x.helloOkMs ?? 0;
  const seen = new Map();
  for (const q of x.requestLog) {
    if (typeof q.at !== 'number' || q.at < from || q.at >= from + windowMs) continue;
    const key = `${q.method} ${stableJson(q.params ?? {})}`;
    const e = seen.get(key) ?? { key, n: 0, sockets: new Set() };
    e.n++;
    e.sockets.add(q.socket);
    seen.set(key, e);
  }
  return [...seen.values()]
    .filter((e) => e.n > 1)
    .map((e) => ({
      key: e.key.length > 140 ? `${e.key.slice(0, 140)}…` : e.key,
      n: e.n,
      sameSocket: e.sockets.size < e.n,
    }));
}

/** One line per duplicated method + params: in how many runs, how often, on one connection or across sockets. */
function duplicateLines(runs, windowMs) {
  const byKey = new Map();
  runs.forEach((x, i) => {
    for (const d of duplicatesOf(x, windowMs)) {
      const e = byKey.get(d.key) ?? { key: d.key, runs: [], n: [], sameSocket: false };
      e.runs.push(x.run ?? i + 1);
      if (d.n !== null) e.n.push(d.n);
      e.sameSocket ||= Boolean(d.sameSocket);
      byKey.set(d.key, e);
    }
  });
  return [...byKey.values()].map(
    (e) =>
      `\`${e.key}\`${e.n.length ? ` ×${Math.max(...e.n)}` : ''} in ${e.runs.length} of ${runs.length} runs${e.runs.length < runs.length ? ` (run ${e.runs.join(', ')})` : ''}${e.sameSocket ? ', on one connection' : ', across connections'}`,
  );
}

/** JS of the first load: clawscope's scripts requested before its first in-app navigation, the Control UI's all. */
function jsFirstLoad(x) {
  if (typeof x?.bytes?.jsBeforeNav?.encoded === 'number') return x.bytes.jsBeforeNav.encoded;
  if (x?.app === 'controlUi' || typeof x?.navClickMs !== 'number') return x?.bytes?.js?.encoded;
  // Older result files: from the HTTP timeline ([path, start, end, encoded bytes], page times).
  if (!Array.isArray(x.httpTimeline)) return null;
  return x.httpTimeline
    .filter(([name, start]) => /\.js$/.test(name) && typeof start === 'number' && start < x.navClickMs)
    .reduce((n, f) => n + (f[3] ?? 0), 0);
}

export function renderSummary(r, file) {
  const cs = r.cold?.clawscope ?? [];
  const cu = r.cold?.controlUi ?? [];
  const rpcWindowMs = r.config?.rpcWindowMs ?? 5_000;
  const rows = [];
  const KiB = (b) => (typeof b === 'number' ? b / 1024 : null);
  const MiB = (b) => (typeof b === 'number' ? b / 1024 / 1024 : null);
  const le = (limit) => (q) => (q === null ? null : q <= limit);
  /** metric, extractor, digits, target text, target check(ratio, csStats, cuStats) */
  const line = (label, get, digits, target = '', check = null) => {
    const safe = (x) => {
      try {
        return get(x);
      } catch {
        return null;
      }
    };
    const a = summarize(cs.map(safe));
    const b = summarize(cu.map(safe));
    const ratio = a.median !== null && b.median ? a.median / b.median : null;
    const ok = check ? check(ratio, a, b) : null;
    rows.push(
      `| ${label} | ${mmm(a, digits)} | ${mmm(b, digits)} | ${ratio === null ? '–' : fmt(ratio, 3)} | ${target}${target && ok !== null && ok !== undefined ? ` ${pass(ok)}` : ''} |`,
    );
  };
  line(
    'JS transferred over the whole path (as served, KiB; clawscope incl. the Cron page chunks loaded on demand)',
    (x) => KiB(x.bytes.js.encoded),
    1,
    '≤ 0.08',
    le(0.08),
  );
  line(
    'JS transferred on the first load (as served, KiB; clawscope: requested before its first in-app navigation, the Cron click; Control UI: all, it has no navigation)',
    (x) => KiB(jsFirstLoad(x)),
    1,
    '≤ 0.08',
    le(0.08),
  );
  line('JS decoded, whole path (KiB)', (x) => KiB(x.bytes.js.decoded), 1);
  line('CSS transferred (as served, KiB)', (x) => KiB(x.bytes.css.encoded), 1);
  line('CSS decoded (KiB)', (x) => KiB(x.bytes.css.decoded), 1);
  line('HTTP requests', (x) => x.requests, 0);
  line('navigation → hello-ok (ms)', (x) => x.helloOkMs, 0, '≤ 0.25', le(0.25));
  line(
    'first visit: navigation → live data (ms; clawscope incl. the Pair click and the Cron click)',
    (x) => x.liveDataMs,
    0,
    '≤ 0.5',
    le(0.5),
  );
  line('repeat visit, paired, deep link to the cron view: navigation → hello-ok (ms)', (x) => x.repeat?.helloOkMs, 0);
  line('repeat visit: navigation → live data (ms)', (x) => x.repeat?.liveDataMs, 0, '≤ 0.25', le(0.25));
  line(`RPCs in ${fmt(rpcWindowMs / 1000)} s after hello-ok`, (x) => x.rpc.count, 0);
  line(
    '… duplicates (same method + params)',
    (x) => x.rpc.duplicates,
    0,
    'clawscope 0',
    (_q, a) => (a.n ? a.max === 0 : null),
  );
  line('… duplicates on the same connection', (x) => x.rpc.duplicatesSameConnection, 0);
  line(
    '… duplicates, less re-reads after an event about what they read (same connection)',
    (x) => (typeof x.rpc.rereadsAfterChange === 'number' ? x.rpc.duplicates - x.rpc.rereadsAfterChange : null),
    0,
    'clawscope 0',
    (_q, a) => (a.n ? a.max === 0 : null),
  );
  line('JS heap after 10 s idle (MiB)', (x) => MiB(x.heapUsed), 2, '≤ 0.25', le(0.25));
  line('JS heap after a forced GC (MiB)', (x) => MiB(x.heapUsedAfterGc), 2);
  // What each app holds beyond an empty page measured the same way (browser + instrumentation: see emptyPageRun).
  const empty = summarize((r.emptyPage ?? []).map((e) => MiB(e.heapUsed))).median;
  const emptyGc = summarize((r.emptyPage ?? []).map((e) => MiB(e.heapUsedAfterGc))).median;
  if (empty !== null) {
    line(
      `JS heap after 10 s idle, less an empty page's ${fmt(empty, 2)} MiB (the app's own, MiB)`,
      (x) => MiB(x.heapUsed) - empty,
      2,
      '≤ 0.25',
      le(0.25),
    );
    line(
      `… after a forced GC, less the empty page's ${fmt(emptyGc, 2)} MiB`,
      (x) => MiB(x.heapUsedAfterGc) - emptyGc,
      2,
    );
  }
  line('longest main-thread task (ms)', (x) => x.longTasks.longestMs, 0);

  const out = [];
  const m = r.machine ?? {};
  out.push(`Run of ${r.date} · \`${r.command}\` · ${fmt((r.durationMs ?? 0) / 1000)} s · raw: \`${file}\``);
  if (r.clawscope)
    out.push(
      `clawscope at ${r.clawscope.commit} (${r.clawscope.subject})${r.clawscope.appSourcesDirty?.length ? `, with uncommitted changes to ${r.clawscope.appSourcesDirty.length} app files` : ''}.`,
    );
  out.push('');
  const ph = r.loadavg?.phases;
  out.push(
    `Machine: ${m.nproc} CPUs (${m.cpuModel ?? '?'}), ${fmt(m.memGiB, 1)} GiB RAM, ${m.kernel}; ${m.chromium ?? 'Chromium ?'} (headless); Node ${m.node} (runner), OpenClaw ${r.gateway?.version ?? '?'} sandbox gateway. ` +
      `Load average (1/5/15 min) at start ${r.loadavg?.start?.join(' / ') ?? '?'}, at end ${r.loadavg?.end?.join(' / ') ?? '?'}` +
      (ph
        ? `; 1-min load at the start of each phase: ${Object.entries(ph)
            .map(([k, v]) => `${k} ${fmt(v, 1)}`)
            .join(', ')}.`
        : '.'),
  );
  out.push('');
  out.push(`### Side by side: ${cs.length} + ${cu.length} cold runs, alternating (min / **median** / max)`);
  out.push('');
  out.push(`${r.seed?.listedTotal ?? '?'} cron jobs on the gateway during these runs.`);
  out.push('');
  out.push('| metric | clawscope | Control UI | ratio (medians) | target |');
  out.push('|---|---|---|---|---|');
  out.push(...rows);
  out.push('');

  const dupCs = duplicateLines(cs, rpcWindowMs);
  const dupCu = duplicateLines(cu, rpcWindowMs);
  if (cs.length || cu.length) {
    out.push(`Duplicated requests in the ${fmt(rpcWindowMs / 1000)} s after the first hello-ok (method + params):`);
    out.push('');
    out.push(`- clawscope: ${dupCs.length ? dupCs.join('; ') : 'none'}`);
    out.push(`- Control UI: ${dupCu.length ? dupCu.join('; ') : 'none'}`);
    const rereads = (list) => [...new Set(list.flatMap((x) => x.rpc?.rereadKeys ?? []))];
    const rr = [rereads(cs), rereads(cu)];
    if (rr[0].length || rr[1].length)
      out.push(
        `- of these, re-reads after an event about what they read: clawscope ${rr[0].map((k) => `\`${k}\``).join('; ') || 'none'}; Control UI ${rr[1].map((k) => `\`${k}\``).join('; ') || 'none'}`,
      );
    out.push('');
  }

  // Every cold run with the machine's load at its start, in the order they ran (odd runs: clawscope first).
  const runs = [
    ...cs.map((x, i) => ({ x, app: 'clawscope', run: x.run ?? i + 1 })),
    ...cu.map((x, i) => ({ x, app: 'Control UI', run: x.run ?? i + 1 })),
  ];
  const slot = (e) => e.run * 2 + ((e.app === 'clawscope') === (e.run % 2 === 1) ? 0 : 1);
  runs.sort((a, b) => slot(a) - slot(b));
  if (runs.length) {
    out.push('### Each cold run, with the load at its start');
    out.push('');
    out.push('| run | app | load (1 min) | hello-ok (ms) | live data (ms) | repeat: live data (ms) |');
    out.push('|---|---|---|---|---|---|');
    for (const { x, app, run } of runs)
      out.push(
        `| ${run} | ${app} | ${fmt(x.loadAtStart, 1)} | ${fmt(x.helloOkMs)} | ${fmt(x.liveDataMs)} | ${fmt(x.repeat?.liveDataMs)} |`,
      );
    out.push('');
  }

  const routes = r.routes?.rounds ?? [];
  if (routes.length) {
    const groups = new Map();
    for (const round of routes)
      for (const c of round.clicks ?? []) {
        const k = `${c.page} ${c.visit}`;
        const g = groups.get(k) ?? { page: c.page, visit: c.visit, clicks: [] };
        g.clicks.push(c);
        groups.set(k, g);
      }
    out.push(
      `### Route changes: clawscope, ${routes.length} rounds (click on the main navigation → the new page's rows on screen, min / **median** / max)`,
    );
    out.push('');
    out.push(
      `Each round a fresh browser, paired, from the Session page: ${(r.config?.routeSequence ?? []).join(' → ')}; ${fmt(r.config?.routeSettleMs)} ms between clicks. A first visit loads the page's chunk and starts its reads; a return finds both cached. Load at the start of each round: ${routes.map((x) => fmt(x.loadAtStart, 1)).join(', ')}.`,
    );
    out.push('');
    out.push(
      '| page | visit | click → rows in the DOM (ms) | click → next frame (ms) | JS files fetched on the way | target |',
    );
    out.push('|---|---|---|---|---|---|');
    for (const g of groups.values()) {
      const { st, ok } = within(
        g.clicks.map((c) => c.rowsMs),
        150,
      );
      const frames = summarize(g.clicks.map((c) => c.frameMs));
      const js = summarize(g.clicks.map((c) => c.jsFetched));
      const kib = summarize(g.clicks.map((c) => KiB(c.jsFetchedBytes)));
      const failed = g.clicks.filter((c) => c.error).length;
      out.push(
        `| ${g.page} | ${g.visit} | ${mmm(st)}${failed ? ` (${failed} timed out)` : ''} | ${mmm(frames)} | ${fmt(js.median)} (${fmt(kib.median, 1)} KiB) | ≤ 150 ms ${pass(ok)} |`,
      );
    }
    out.push('');
  }

  const pairS = summarize(cs.map((x) => x.pairToFullScopesMs));
  const pairH = summarize(cs.map((x) => x.pairToHelloOkMs));
  const navS = summarize(cs.map((x) => x.navToRowsMs));
  out.push('### clawscope alone');
  out.push('');
  out.push('| measurement | result | target |');
  out.push('|---|---|---|');
  out.push(
    `| "Pair this device" click → Scope matrix shows every requested scope granted (ms, min / median / max of the cold runs) | ${mmm(pairS)} | |`,
  );
  out.push(`| … click → paired hello-ok on the wire (ms) | ${mmm(pairH)} | |`);
  out.push(`| "Cron" nav click → job rows and full count rendered (ms, cold runs: first visit) | ${mmm(navS)} | |`);
  const b = r.burst;
  if (b?.clawscope) {
    const c = b.clawscope;
    const u = b.controlUi;
    const methods = (x) =>
      Object.entries(x.byMethod ?? {})
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none';
    out.push(
      `| burst of ${c.jobsAdded} cron.add by another client, one every ${fmt(r.config?.burstSpacingMs)} ms (${c.cronEvents} cron events over ${fmt(c.cronEventSpanMs)} ms; load ${fmt(c.loadAtStart, 1)}) → list re-reads / cron.status reads in the next ${fmt(
        (r.config?.burstWatchMs ?? 0) / 1000,
      )} s | clawscope ${c.listRereads} / ${c.statusReads} (${c.rpcs} RPCs: ${methods(c)}); Control UI ${
        u ? `${u.listRereads} / ${u.statusReads} (${u.rpcs} RPCs: ${methods(u)})` : '–'
      } | one re-read per burst ${pass(c.listRereads === 1)} |`,
    );
  }
  const big = r.big?.run;
  if (big) {
    const afterFirst = (v) =>
      typeof v === 'number' && typeof big.firstPageArrivedMs === 'number' ? v - big.firstPageArrivedMs : null;
    const firstRows = big.firstRowsAfterFirstPageMs ?? afterFirst(big.firstRowsMs);
    const fullFromFirst = big.fullCountAfterFirstPageMs ?? afterFirst(big.fullCountMs);
    out.push(
      `| ${fmt(big.expectedJobs)} cron jobs (load ${fmt(big.loadAtStart, 1)}): the list read (${fmt(big.pagesRead)} pages of 200, gateway ${fmt(big.gatewayMsPerPage)} ms/page) | ${fmt(big.fetchAllMs)} ms from the first cron.list request to the last page | |`,
    );
    const pc = r.big?.gatewayPageCost;
    if (pc)
      out.push(
        `| … gateway time per page of 200, median of 5 (from Node): as clawscope asks / without delivery previews / compact | ${fmt(pc.clawscope?.medianMs)} / ${fmt(pc.withoutDeliveryPreviews?.medianMs)} / ${fmt(pc.compactWithoutPreviews?.medianMs)} ms | |`,
      );
    out.push(
      `| … first page arrived → first rows rendered | ${fmt(firstRows)} ms | ≤ 200 ms ${pass(typeof firstRows === 'number' ? firstRows <= 200 : null)} |`,
    );
    out.push(`| … first page arrived → full count shown (every page in) | ${fmt(fullFromFirst)} ms | |`);
    out.push(
      `| … last page arrived → full count shown (the pass that sorts and filters the complete list) | ${fmt(big.fullCountAfterDataMs)} ms | |`,
    );
    out.push(`| … "Cron" click → first rows | ${fmt(big.navToFirstRowsMs)} ms | |`);
    out.push(
      `| … longest task while loading / rendering the list | ${fmt(big.loadLongestTaskMs)} ms (${fmt(big.loadLongTasks)} long tasks) | |`,
    );
    const sc = big.scroll;
    if (sc) {
      out.push(
        `| … scroll through all rows (${fmt(sc.stepPx)} px per frame, ${fmt(sc.frames)} frames, ${fmt(sc.ms)} ms; last row reached: ${sc.reachedLastRow ? 'yes' : 'no'}) | ${fmt(sc.longTasksOver50)} long tasks over 50 ms (longest ${fmt(sc.longestTaskMs)} ms; longest frame gap ${fmt(sc.maxFrameGapMs)} ms) | none over 50 ms ${pass(typeof sc.longTasksOver50 === 'number' ? sc.longTasksOver50 === 0 : null)} |`,
      );
      const mt = sc.mainThreadPerFrame;
      if (mt)
        out.push(
          `| … main-thread time per scrolled frame (task / script / layout / style) | ${fmt(mt.taskMs, 1)} / ${fmt(mt.scriptMs, 1)} / ${fmt(mt.layoutMs, 1)} / ${fmt(mt.styleMs, 1)} ms | |`,
        );
    }
  }
  const s = r.storm;
  if (s?.storm) {
    const ack = s.inputAck ?? {};
    const ev = s.eventTiming ?? {};
    out.push(
      `| Presence page (load ${fmt(s.loadAtStart, 1)}), ${fmt(s.storm.cycles)} connect/disconnect cycles of other clients (${fmt(s.storm.failed)} failed) in ${fmt(s.stormMs)} ms, ${fmt(s.presenceEventsReceived)} presence events: longest main-thread task | ${fmt(s.longestTaskMs)} ms (${fmt(s.longTasks)} long tasks, ${fmt(s.longTasksTotalMs)} ms in all; baseline ${fmt(s.baselineLongestTaskMs)} ms) | |`,
    );
    out.push(
      `| … input during the storm: ${fmt(ack.storm?.n)} clicks/keys in ${fmt(s.interactionCycles)} cycles, driver ack median / p95 / max (baseline) | ${fmt(ack.storm?.median)} / ${fmt(ack.storm?.p95)} / ${fmt(ack.storm?.max)} ms (${fmt(ack.baseline?.median)} / ${fmt(ack.baseline?.p95)} / ${fmt(ack.baseline?.max)} ms) | |`,
    );
    out.push(
      `| … Event Timing (input → next paint) max during the storm (baseline) | ${fmt(ev.storm?.maxMs)} ms, max input delay ${fmt(ev.storm?.maxInputDelayMs)} ms (${fmt(ev.baseline?.maxMs)} ms) | responsive if ≤ 200 ms ${pass(typeof ev.storm?.maxMs === 'number' ? ev.storm.maxMs <= 200 : null)} |`,
    );
    const methods = s.rpcMethodsDuringStorm ?? [];
    out.push(
      `| … RPCs clawscope sent during the storm | ${fmt(s.rpcsSentDuringStorm)}${methods.length ? ` (${methods.join(', ')})` : ''} | |`,
    );
  }
  out.push('');
  return out.join('\n');
}

/** Replace the block between the markers in BENCHMARKS.md (no-op when the file or the markers are missing). */
export function renderDoc(file, summary) {
  if (!fs.existsSync(file)) return false;
  const doc = fs.readFileSync(file, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return false;
  fs.writeFileSync(file, `${doc.slice(0, a + START.length)}\n${summary}\n${doc.slice(b)}`);
  return true;
}
