import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Gateway strings reach the page only as React text and attributes, which are escaped. Any way of
 * turning a string into markup or code is forbidden in app code, so none can carry gateway data.
 * (The built page also enforces this at run time: its CSP requires Trusted Types for HTML sinks.)
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const SINKS: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML', /\.innerHTML\b|\binnerHTML\s*[:=]/],
  ['outerHTML', /\.outerHTML\b/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write(ln)?\s*\(/],
  ['createContextualFragment', /createContextualFragment/],
  ['DOMParser', /new\s+DOMParser\b/],
  ['srcdoc', /\bsrcDoc\b|\bsrcdoc\b/],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['string timer', /set(Timeout|Interval)\s*\(\s*['"`]/],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'testing' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(d.name) && !/\.(test|spec)\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

describe('no HTML or code sinks in app code', () => {
  const files = sourceFiles(SRC);

  it('scans the app (sanity: the walk finds the pages)', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith(path.join('pages', 'config', 'config-page.tsx')))).toBe(true);
  });

  it.each(SINKS)('nothing uses %s', (_name, re) => {
    const hits = files.flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          re.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${path.relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(hits).toEqual([]);
  });

  it('the detector itself catches each sink', () => {
    const samples = [
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      'el.innerHTML = x',
      'el.outerHTML',
      'el.insertAdjacentHTML("beforeend", x)',
      'document.write(x)',
      'range.createContextualFragment(x)',
      'new DOMParser()',
      '<iframe srcDoc={x} />',
      'eval(x)',
      'new Function(x)',
      "setTimeout('x()', 1)",
    ];
    SINKS.forEach(([name, re], i) => expect(re.test(samples[i]!), name).toBe(true));
  });
});
