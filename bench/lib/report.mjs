// Markdown summary of a bench run, and its place in BENCHMARKS.md (between the bench:results markers).

import fs from 'node:fs';
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

export function renderSummary(r, file) {
  const cs = r.cold?.clawscope ?? [];
  const cu = r.cold?.controlUi ?? [];
  const rows = [];
  const KiB = (b) => b / 1024;
  const MiB = (b) => b / 1024 / 1024;
  /** metric, extractor, digits, target text, target check(ratio, csStats, cuStats) */
  const line = (label, get, digits, target = '', check = null) => {
    const a = summarize(cs.map(get));
    const b = summarize(cu.map(get));
    const ratio = a.median !== null && b.median ? a.median / b.median : null;
    const ok = check ? check(ratio, a, b) : null;
    rows.push(
      `| ${label} | ${mmm(a, digits)} | ${mmm(b, digits)} | ${ratio === null ? '–' : fmt(ratio, 3)} | ${target}${target && ok !== null ? ` ${pass(ok)}` : ''} |`,
    );
  };
  line(
    'JS transferred (as served, KiB)',
    (x) => KiB(x.bytes.js.encoded),
    1,
    '≤ 0.1',
    (q) => q !== null && q <= 0.1,
  );
  line('JS decoded (KiB)', (x) => KiB(x.bytes.js.decoded), 1);
  line('CSS transferred (as served, KiB)', (x) => KiB(x.bytes.css.encoded), 1);
  line('CSS decoded (KiB)', (x) => KiB(x.bytes.css.decoded), 1);
  line('HTTP requests', (x) => x.requests, 0);
  line('navigation → hello-ok (ms)', (x) => x.helloOkMs, 0);
  line(
    'navigation → live data (ms)',
    (x) => x.liveDataMs,
    0,
    '≤ 0.3',
    (q) => q !== null && q <= 0.3,
  );
  line('repeat visit, paired, deep link to the cron view: navigation → hello-ok (ms)', (x) => x.repeat?.helloOkMs, 0);
  line(
    'repeat visit: navigation → live data (ms)',
    (x) => x.repeat?.liveDataMs,
    0,
    '(≤ 0.3 with this definition)',
    (q) => q !== null && q <= 0.3,
  );
  line('RPCs in 5 s after hello-ok', (x) => x.rpc.count, 0);
  line(
    '… duplicates (same method + params)',
    (x) => x.rpc.duplicates,
    0,
    'clawscope 0',
    (_q, a) => a.max === 0,
  );
  line('… duplicates on the same connection', (x) => x.rpc.duplicatesSameConnection, 0);
  line(
    'JS heap after 10 s idle (MiB)',
    (x) => MiB(x.heapUsed),
    2,
    '≤ 0.333',
    (q) => q !== null && q <= 1 / 3,
  );
  line('JS heap after a forced GC (MiB)', (x) => MiB(x.heapUsedAfterGc), 2);
  line('longest main-thread task (ms)', (x) => x.longTasks.longestMs, 0);

  const out = [];
  const m = r.machine ?? {};
  out.push(`Run of ${r.date} · \`${r.command}\` · ${fmt((r.durationMs ?? 0) / 1000)} s · raw: \`${file}\``);
  if (r.clawscope)
    out.push(
      `clawscope at ${r.clawscope.commit} (${r.clawscope.subject})${r.clawscope.appSourcesDirty?.length ? `, with uncommitted changes to ${r.clawscope.appSourcesDirty.length} app files` : ''}.`,
    );
  out.push('');
  out.push(
    `Machine: ${m.nproc} CPUs (${m.cpuModel ?? '?'}), ${fmt(m.memGiB, 1)} GiB RAM, ${m.kernel}; ${m.chromium ?? 'Chromium ?'} (headless); Node ${m.node} (runner), OpenClaw ${r.gateway?.version ?? '?'} sandbox gateway. ` +
      `Load average (1/5/15 min) at start ${r.loadavg?.start?.join(' / ')}, at end ${r.loadavg?.end?.join(' / ') ?? '?'}.`,
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
  out.push(`| "Cron" nav click → job rows and full count rendered (ms) | ${mmm(navS)} | |`);
  const b = r.burst;
  if (b?.clawscope) {
    const c = b.clawscope;
    const u = b.controlUi;
    out.push(
      `| burst of ${c.jobsAdded} cron.add by another client, one every ${fmt(r.config?.burstSpacingMs ?? 0)} ms (${c.cronEvents} cron events over ${fmt(c.cronEventSpanMs)} ms) → list re-reads / cron.status reads in the next ${fmt(
        (r.config?.burstWatchMs ?? 0) / 1000,
      )} s | clawscope ${c.listRereads} / ${c.statusReads} (${c.rpcs} RPCs: ${
        Object.entries(c.byMethod)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ') || 'none'
      }); Control UI ${
        u
          ? `${u.listRereads} / ${u.statusReads} (${u.rpcs} RPCs: ${
              Object.entries(u.byMethod)
                .map(([k, v]) => `${k} ×${v}`)
                .join(', ') || 'none'
            })`
          : '–'
      } | one re-read per burst ${pass(c.listRereads === 1)} |`,
    );
  }
  const big = r.big?.run;
  if (big) {
    out.push(
      `| ${fmt(big.expectedJobs)} cron jobs: the list read (${big.pagesRead} pages of 200, gateway ${fmt(big.gatewayMsPerPage)} ms/page) | ${fmt(big.fetchAllMs)} ms from the first cron.list request to the last page | |`,
    );
    const pc = r.big?.gatewayPageCost;
    if (pc)
      out.push(
        `| … gateway time per page of 200, median of 5 (from Node): as clawscope asks / without delivery previews / compact | ${fmt(pc.clawscope?.medianMs)} / ${fmt(pc.withoutDeliveryPreviews?.medianMs)} / ${fmt(pc.compactWithoutPreviews?.medianMs)} ms | |`,
      );
    out.push(
      `| … last page arrived → first rows rendered | ${fmt(big.firstRowsAfterDataMs)} ms | ≤ 200 ms ${pass(big.firstRowsAfterDataMs <= 200)} |`,
    );
    out.push(`| … last page arrived → full count shown | ${fmt(big.fullCountAfterDataMs)} ms | |`);
    out.push(
      `| … first page arrived → first rows rendered | ${fmt(big.firstRowsAfterFirstPageMs)} ms | (≤ 200 ms if "data" means the first page) ${pass(big.firstRowsAfterFirstPageMs <= 200)} |`,
    );
    out.push(`| … "Cron" click → first rows (ms) | ${fmt(big.navToFirstRowsMs)} ms | |`);
    out.push(
      `| … longest task while loading / rendering the list | ${fmt(big.loadLongestTaskMs)} ms (${big.loadLongTasks} long tasks) | |`,
    );
    out.push(
      `| … scroll through all rows (${fmt(big.scroll.stepPx)} px per frame, ${fmt(big.scroll.frames)} frames, ${fmt(big.scroll.ms)} ms; last row reached: ${big.scroll.reachedLastRow ? 'yes' : 'no'}) | ${big.scroll.longTasksOver50} long tasks over 50 ms (longest ${fmt(big.scroll.longestTaskMs)} ms; longest frame gap ${fmt(big.scroll.maxFrameGapMs)} ms) | none over 50 ms ${pass(big.scroll.longTasksOver50 === 0)} |`,
    );
    const mt = big.scroll.mainThreadPerFrame;
    if (mt)
      out.push(
        `| … main-thread time per scrolled frame (task / script / layout / style) | ${fmt(mt.taskMs, 1)} / ${fmt(mt.scriptMs, 1)} / ${fmt(mt.layoutMs, 1)} / ${fmt(mt.styleMs, 1)} ms | |`,
      );
  }
  const s = r.storm;
  if (s) {
    out.push(
      `| Presence page, ${s.storm.cycles} connect/disconnect cycles of other clients (${s.storm.failed} failed) in ${fmt(s.stormMs)} ms, ${s.presenceEventsReceived} presence events: longest main-thread task | ${fmt(s.longestTaskMs)} ms (${s.longTasks} long tasks, ${fmt(s.longTasksTotalMs)} ms in all; baseline ${fmt(s.baselineLongestTaskMs)} ms) | |`,
    );
    out.push(
      `| … input during the storm: ${s.inputAck.storm.n} clicks/keys in ${s.interactionCycles} cycles, driver ack median / p95 / max (baseline) | ${fmt(s.inputAck.storm.median)} / ${fmt(s.inputAck.storm.p95)} / ${fmt(s.inputAck.storm.max)} ms (${fmt(s.inputAck.baseline.median)} / ${fmt(s.inputAck.baseline.p95)} / ${fmt(s.inputAck.baseline.max)} ms) | |`,
    );
    out.push(
      `| … Event Timing (input → next paint) max during the storm (baseline) | ${fmt(s.eventTiming.storm.maxMs)} ms, max input delay ${fmt(s.eventTiming.storm.maxInputDelayMs)} ms (${fmt(s.eventTiming.baseline.maxMs)} ms) | responsive if ≤ 200 ms ${pass(s.eventTiming.storm.maxMs <= 200)} |`,
    );
    out.push(
      `| … RPCs clawscope sent during the storm | ${s.rpcsSentDuringStorm}${s.rpcMethodsDuringStorm.length ? ` (${s.rpcMethodsDuringStorm.join(', ')})` : ''} | |`,
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
