import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../queries/cron';
import { afterLine, deliveryLine, failureAlertLine, shellLine, whatLine, whenLine, whereLine } from './job-words';

const base: CronJob = {
  id: 'j',
  name: 'j',
  enabled: true,
  createdAtMs: 0,
  updatedAtMs: 0,
  schedule: { kind: 'every', everyMs: 3_600_000 },
  sessionTarget: 'main',
  wakeMode: 'next-heartbeat',
  payload: { kind: 'systemEvent', text: 'tick' },
  state: {},
};
const mk = (over: Partial<CronJob>): CronJob => ({ ...base, ...over }) as CronJob;

describe('job words', () => {
  it('quotes a command line the way a shell reads it', () => {
    expect(shellLine(['echo', 'a b', "it's", '--x=1'])).toBe("echo 'a b' 'it'\\''s' --x=1");
  });

  it('says when: on-exit, stream and once keep their command or instant verbatim', () => {
    expect(whenLine(mk({ schedule: { kind: 'on-exit', command: 'make build', cwd: '/w' } }))).toMatchObject({
      text: 'each time this command exits, run in /w',
      code: 'make build',
    });
    const stream = whenLine(
      mk({
        schedule: { kind: 'stream', command: ['tail', '-F', 'app.log'], mode: 'match', match: 'ERROR', batchMs: 500 },
      }),
    );
    expect(stream.text).toMatch(/each output line matching “ERROR”.*batched after 500 ms of quiet/);
    expect(stream.code).toBe('tail -F app.log');
    expect(whenLine(mk({ schedule: { kind: 'at', at: '2030-01-02T03:04:05Z' } })).code).toBe('2030-01-02T03:04:05Z');
  });

  it('says what: agent turn options, script limits, event text', () => {
    const agent = whatLine(
      mk({
        payload: {
          kind: 'agentTurn',
          message: 'summarise',
          model: 'openai/gpt-5',
          fallbacks: ['a/b'],
          thinking: 'high',
          lightContext: true,
          toolsAllow: ['web'],
        },
      }),
    );
    expect(agent.text).toBe(
      'runs an agent turn (model openai/gpt-5, fallbacks a/b, thinking high, light context); tools allowed: web',
    );
    expect(agent.code).toBe('summarise');
    const script = whatLine(mk({ payload: { kind: 'script', script: 'print(1)', toolBudget: 5 } }));
    expect(script).toMatchObject({ text: 'runs a script (at most 5 tool calls)', code: 'print(1)' });
    expect(whatLine(base)).toMatchObject({ code: 'tick', codeLabel: 'event text' });
  });

  it('says where, delivery and failure alert, including inherit and off', () => {
    expect(whereLine(mk({ sessionTarget: 'session:ops', agentId: 'ops' })).text).toBe(
      'in session ops, agent ops; waits for the next heartbeat',
    );
    expect(deliveryLine(base).text).toBe('the result is not delivered anywhere');
    expect(deliveryLine(mk({ delivery: { mode: 'webhook', to: 'https://x.test/h' } })).text).toBe(
      'the result is POSTed to https://x.test/h',
    );
    expect(
      deliveryLine(mk({ delivery: { mode: 'announce', channel: 'last' } }), { label: 'Telegram', detail: 'Telegram' })
        .text,
    ).toBe('the result is announced to the last chat. The gateway resolves this to: Telegram');
    expect(failureAlertLine(base).text).toBe("inherits the gateway's cron failure-alert setting");
    expect(failureAlertLine(mk({ failureAlert: false })).text).toBe('off for this job');
    expect(
      failureAlertLine(mk({ failureAlert: { after: 1, mode: 'webhook', to: 'https://a', includeSkipped: true } })).text,
    ).toBe('after 1 consecutive failure, POST to https://a, skipped runs count');
  });

  it('says what happens after a once job, truthfully', () => {
    const once = { kind: 'at', at: '2030-01-01T00:00:00Z' } as const;
    expect(afterLine(mk({ schedule: once, deleteAfterRun: true })).text).toBe(
      'the job deletes itself after it has run',
    );
    expect(afterLine(mk({ schedule: once, deleteAfterRun: false })).text).toBe(
      'the job is kept (disabled) after its one run',
    );
    expect(afterLine(base).text).toBe('the job stays and runs again on schedule');
  });
});
