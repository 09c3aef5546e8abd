// In-page instrumentation for the bench, injected with context.addInitScript before any page script runs.
//
// window.__bench = {
//   t: { <watcher name>: performance.now() when its condition first held, ... },
//   longtasks: [{ start, duration }],            PerformanceObserver('longtask'), buffered
//   events: [{ name, start, duration, ... }],    Event Timing entries of 16 ms and more (input responsiveness)
//   timeOrigin,
// }
//
// Watchers are checked in a MutationObserver callback (a microtask after the DOM change, before paint) and once per
// animation frame (for DOM inside shadow roots, which document-level mutation observers do not see). A watcher may
// have an action that runs once its condition holds: the bench "clicks as soon as it appears" this way, with no
// polling delay from the driver (the click is a real DOM click on the element, dispatched by the page itself).

/**
 * @param {{ name: string, test: string, then?: string }[]} watchers  `test` is a JS expression body evaluated as a
 *   function (returning a truthy value, e.g. the element); `then` is a function body receiving `hit` (that value).
 */
export function probeScript(watchers) {
  const list = watchers
    .map((w) => `{ name: ${JSON.stringify(w.name)}, test: () => { ${w.test} }, then: (hit) => { ${w.then ?? ''} } }`)
    .join(',\n');
  return `(() => {
  if (window.top !== window || window.__bench) return;
  const B = (window.__bench = { t: {}, longtasks: [], events: [], timeOrigin: performance.timeOrigin });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        B.events.push({ name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd, interactionId: e.interactionId || 0 });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  const watchers = [${list}];
  let done = false;
  let mo = null;
  const check = () => {
    if (done) return;
    for (const w of watchers) {
      if (w.name in B.t) continue;
      let hit;
      try { hit = w.test(); } catch { hit = null; }
      if (!hit) continue;
      B.t[w.name] = performance.now();
      try { w.then(hit); } catch (e) { B.t[w.name + ':error'] = String(e); }
    }
    if (watchers.every((w) => w.name in B.t)) { done = true; mo?.disconnect(); }
  };
  B.check = check;
  const start = () => {
    mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    const frame = () => { check(); if (!done) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    check();
  };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})();`;
}

/**
 * Watchers for clawscope's cold run: pair as soon as the button appears, then, as soon as the scope matrix shows
 * every scope granted, open `nav` ('Cron' or 'Presence') through the main navigation (an in-app route change).
 */
export function clawscopeWatchers({ expectedJobs = 0, pair = true, nav = 'Cron', cron = nav === 'Cron' }) {
  const ws = [];
  if (pair) {
    ws.push({
      name: 'pairButton',
      test: `return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Pair this device' && !b.disabled);`,
      then: `window.__bench.t.pairClick = performance.now(); hit.click();`,
    });
  }
  if (pair || nav) {
    ws.push({
      name: 'scopesFull',
      // Every scope the session asked for (the rows with "requested: yes") shows "granted: yes".
      test: `const rows = [...document.querySelectorAll('table[aria-label="Scope matrix"] tr[data-scope]')];
        const requested = rows.filter((r) => r.querySelector('[aria-label="requested: yes"]'));
        return rows.length === 8 && requested.length > 0 && requested.every((r) => r.querySelector('[aria-label="granted: yes"]'));`,
      then: nav
        ? `const a = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((x) => x.textContent.trim() === ${JSON.stringify(nav)});
           window.__bench.t.navClick = performance.now(); a.click();`
        : '',
    });
  }
  if (cron) {
    ws.push({ name: 'cronFirstRow', test: `return document.querySelector('[role="row"][data-job-id]');` });
    ws.push({
      name: 'cronFull',
      test: `if (!document.querySelector('[role="row"][data-job-id]')) return null;
        const p = [...document.querySelectorAll('p[aria-live="polite"]')].find((x) => /^\\d+ jobs?/.test(x.textContent.trim()));
        return p && Number(p.textContent.trim().match(/^(\\d+)/)[1]) >= ${Number(expectedJobs)};`,
    });
  }
  if (nav === 'Presence') {
    ws.push({
      name: 'presenceReady',
      test: `return document.querySelector('table[aria-label="Online clients"] tbody tr');`,
    });
  }
  return ws;
}

/** Watchers for the gateway's Control UI on its cron view (/automations): every job row rendered. */
export function controlUiWatchers({ expectedJobs }) {
  return [
    { name: 'cronFirstRow', test: `return document.querySelector('.cron-table__name');` },
    {
      name: 'cronFull',
      test: `return document.querySelectorAll('.cron-table__name').length >= ${Math.min(50, Number(expectedJobs))};`,
    },
  ];
}
