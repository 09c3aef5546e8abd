import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { readFileSync } from 'node:fs';
import { precompress } from './scripts/precompress.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Node 20 has no global WebSocket; MSW's ws interceptor needs one to patch.
const execArgv = ['--experimental-websocket'];

/**
 * The Content-Security-Policy the built index.html carries in a <meta>. The gateway URL is picked at
 * run time (?gateway=), so connect-src here admits any loopback ws:// port and any wss://; the app
 * server (scripts/serve.mjs) reads this policy back from dist/index.html and sends it as a header
 * with connect-src narrowed to exactly that gateway's origin (both policies apply, so the header
 * only narrows). No 'unsafe-inline' anywhere: React sets styles through the CSSOM, which style-src
 * does not govern. Trusted Types make any HTML-string sink (innerHTML...) throw in Chromium.
 * frame-ancestors is header-only (ignored, with a console error, in a meta).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "worker-src 'none'",
  "manifest-src 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/**
 * Build only (the dev server needs inline scripts for React refresh): put the CSP meta first in
 * <head>, so it governs everything after it, and fail the build if the final HTML has an inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'clawscope:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
          if (!/\ssrc=/i.test(tag))
            throw new Error(`index.html has an inline script (${tag}); the CSP allows only script-src 'self'`);
        }
        // Right after <meta charset> (which must stay first), before any script or stylesheet.
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}" />`;
        const charset = /<meta charset=[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (m) => `${m}\n    ${meta}`)
          : html.replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
  };
}

/**
 * The entry holds the session only and imports the React app (app/src/root.tsx) dynamically, so the socket opens
 * before React has even parsed. Preload that chunk and its static imports from the HTML, so they download (and
 * compile) alongside the entry instead of after it.
 */
function preloadRoot(): Plugin {
  return {
    name: 'clawscope:preload-root',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const root = chunks.find((c) => c.facadeModuleId?.endsWith('/app/src/root.tsx'));
        if (!root) throw new Error('no chunk for app/src/root.tsx: the entry no longer loads the app as its own chunk');
        const files = new Set<string>();
        const add = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          chunks.find((c) => c.fileName === file)?.imports.forEach(add);
        };
        add(root.fileName);
        const links = [...files]
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`);
        // Each page's chunk and what it imports beyond the above, so the entry can fetch the URL's page right away
        // (routes.ts warm()) and evaluate it only once the connect is sent. Data, not a script: CSP does not apply.
        const pages: Record<string, string[]> = {};
        for (const c of chunks) {
          const page = c.isDynamicEntry && c.facadeModuleId?.match(/\/app\/src\/pages\/(.+)\.tsx$/)?.[1];
          if (!page) continue;
          const own = new Set<string>();
          const walk = (file: string) => {
            if (own.has(file) || files.has(file) || html.includes(`/${file}"`)) return;
            own.add(file);
            chunks.find((x) => x.fileName === file)?.imports.forEach(walk);
          };
          walk(c.fileName);
          pages[page] = [...own];
        }
        const meta = `<meta name="clawscope-page-chunks" content="${JSON.stringify(pages).replace(/"/g, '&quot;')}">`;
        return html.replace('</head>', `  ${[...links, meta].join('\n    ')}\n  </head>`);
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy(), preloadRoot(), precompress()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  server: { host: '127.0.0.1', port: 5180 },
  preview: { host: '127.0.0.1', port: 5180 },
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Small parts that several pages share travel as one chunk instead of one request each (~370 B of
        // response headers apiece, more than some of them weigh).
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'parts',
              test: /app\/src\/(ui\/(card|copy-button|scope-matrix)|lib\/(use-now|use-saved-gateways)|session\/gateways-list|queries\/(device-list|nodes|presence))\./,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['app/**/*.test.ts', 'scripts/**/*.test.ts'], execArgv },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['app/**/*.test.tsx'],
          setupFiles: ['app/src/testing/setup-dom.ts'],
          execArgv,
        },
      },
    ],
  },
});
