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
    ws.push({ name: 'cronFull', test: cronFullTest(expectedJobs) });
  }
  if (nav === 'Presence') {
    ws.push({
      name: 'presenceReady',
      test: `return document.querySelector('table[aria-label="Online clients"] tbody tr');`,
    });
  }
  return ws;
}

/**
 * The Cron page shows every job: job rows in the DOM and the count line (`data-testid="jobs-count"`, the page's
 * `aria-live` paragraph) reading `N jobs` / `10,000 jobs` with N at least `expectedJobs`. The progressive
 * `Loading 2,400 of 10,000 jobs…` line (pages still arriving) and a filtered `12 of 23 jobs match` line do not count.
 * Thousands separators (`,`, `.`, narrow / no-break spaces) are ignored.
 */
export function cronFullTest(expectedJobs) {
  return String.raw`if (!document.querySelector('[role="row"][data-job-id]')) return null;
    const p = document.querySelector('[data-testid="jobs-count"]') ||
      [...document.querySelectorAll('p[aria-live="polite"]')].find((x) => /^\s*[\d,.\u00a0\u202f]+\s*jobs?/.test(x.textContent));
    if (!p) return null;
    const text = p.textContent.trim();
    if (/^loading/i.test(text)) return null;
    const m = text.match(/^(\d[\d,.\u00a0\u202f]*)\s*jobs?/);
    return Boolean(m) && Number(m[1].replace(/\D/g, '')) >= ${Number(expectedJobs)};`;
}

/**
 * What each page of clawscope's main navigation renders once its data is on screen, for the route-change phase:
 * the path the link leads to and a watcher test (a function body, like the watchers above). Selectors from
 * app/src/pages/: cron/jobs-table.tsx + cron-page.tsx, presence/presence-table.tsx, devices/paired-devices.tsx,
 * config/config-tree-view.tsx, ui/scope-matrix.tsx (on the Session page).
 */
export function routeTargets(expectedJobs) {
  const at = (p) => `if (location.pathname !== ${JSON.stringify(p)}) return null;`;
  return {
    Cron: { path: '/cron', rows: '[role="row"][data-job-id]', test: `${at('/cron')} ${cronFullTest(expectedJobs)}` },
    Presence: {
      path: '/presence',
      rows: 'table[aria-label="Online clients"] tbody tr',
      test: `${at('/presence')} return document.querySelector('table[aria-label="Online clients"] tbody tr');`,
    },
    Devices: {
      path: '/devices',
      rows: 'ul[aria-label="Paired devices"] article[data-device-id]',
      test: `${at('/devices')} return document.querySelector('ul[aria-label="Paired devices"] article[data-device-id]');`,
    },
    Config: {
      path: '/config',
      rows: '[data-testid="config-tree"] li[data-path]',
      test: `${at('/config')} return document.querySelector('[data-testid="config-tree"] li[data-path]');`,
    },
    Session: {
      path: '/',
      rows: 'table[aria-label="Scope matrix"] tr[data-scope]',
      test: `${at('/')} return document.querySelector('table[aria-label="Scope matrix"] tr[data-scope]');`,
    },
  };
}

/**
 * An expression (for page.evaluate) that clicks the main navigation's link `label` from inside the page (a real DOM
 * click, no driver round trip) and resolves once `test` holds: checked in a MutationObserver callback (before paint)
 * and once per animation frame. Resolves { t0 (click), rowsAt (test held), frameAt (the next animation frame after
 * that), path } in page time (performance.now()), or { error } after `timeoutMs`.
 */
export function routeClickScript(label, test, timeoutMs = 15_000) {
  return `new Promise((resolve) => {
  const test = () => { ${test} };
  const a = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((x) => x.textContent.trim() === ${JSON.stringify(label)});
  if (!a) { resolve({ error: 'no link ' + ${JSON.stringify(label)} + ' in nav[aria-label=Main]' }); return; }
  let t0 = 0, hitAt = null, done = false, mo = null, timer = 0;
  const finish = (r) => { if (done) return; done = true; if (mo) mo.disconnect(); clearTimeout(timer); resolve(r); };
  const check = () => {
    if (hitAt !== null || done) return;
    let hit;
    try { hit = test(); } catch { hit = null; }
    if (!hit) return;
    hitAt = performance.now();
    requestAnimationFrame(() => finish({ t0, rowsAt: hitAt, frameAt: performance.now(), path: location.pathname }));
  };
  mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const frame = () => { check(); if (hitAt === null && !done) requestAnimationFrame(frame); };
  timer = setTimeout(() => finish({ t0, error: 'timeout', path: location.pathname }), ${Number(timeoutMs)});
  t0 = performance.now();
  a.click();
  check();
  requestAnimationFrame(frame);
})`;
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
