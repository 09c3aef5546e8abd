import { Fragment, type ReactNode } from 'react';
import { formatInstant } from '../../lib/schedule';
import type { CronRunEntry } from '../../queries/cron';
import { Badge } from '../../ui/badge';

/** Anything from the gateway as text (objects as JSON): nothing it sends is markup or a React child as is. */
export const asText = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function DeliveryBadge({ status }: { status: string }) {
  const tone = status === 'delivered' ? 'good' : status === 'not-delivered' ? 'bad' : 'neutral';
  return <Badge tone={tone}>{status}</Badge>;
}

type Target = { channel?: unknown; to?: unknown; accountId?: unknown; threadId?: unknown; source?: unknown };

/** "telegram → 12345 (thread 7, account main, from the last chat)" */
export function describeTarget(t: Target | undefined): string {
  if (!t) return '';
  const extra = [
    t.threadId !== undefined && `thread ${asText(t.threadId)}`,
    t.accountId !== undefined && `account ${asText(t.accountId)}`,
    t.source === 'last' && 'from the last chat',
  ].filter(Boolean);
  const head = [t.channel !== undefined ? asText(t.channel) : 'channel ?', t.to ? `→ ${asText(t.to)}` : '']
    .filter(Boolean)
    .join(' ');
  return extra.length ? `${head} (${extra.join(', ')})` : head;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false);
  if (shown.length === 0) return null;
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
      {shown.map(([k, v]) => (
        <Fragment key={k}>
          <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="break-all font-mono text-xs leading-5">{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

const heading = 'text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400';

/** Everything one run log entry carries: outcome, delivery trace, usage, diagnostics. */
export function RunDetails({ entry: e, link }: { entry: CronRunEntry; link?: ReactNode }) {
  const when = (ms: number | undefined) =>
    typeof ms === 'number' ? formatInstant(ms, undefined, { seconds: true, weekday: true }) : undefined;
  const d = e.delivery;
  const fail = e.failureNotificationDelivery;
  const u = e.usage;
  const usage = u
    ? [
        u.input_tokens !== undefined && `${u.input_tokens} in`,
        u.output_tokens !== undefined && `${u.output_tokens} out`,
        u.cache_read_tokens !== undefined && `${u.cache_read_tokens} cache read`,
        u.cache_write_tokens !== undefined && `${u.cache_write_tokens} cache write`,
        u.total_tokens !== undefined && `${u.total_tokens} total`,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  const diag = e.diagnostics;
  return (
    <div className="space-y-3 text-sm" data-testid="run-details">
      <Facts
        rows={[
          ['Run id', e.runId && (link ?? e.runId)],
          ['Started', when(e.runAtMs)],
          ['Logged', when(e.ts)],
          ['Next run', when(e.nextRunAtMs)],
          ['Trigger fired', e.triggerFired === undefined ? undefined : e.triggerFired ? 'yes' : 'no'],
          ['Error reason', e.errorReason],
          ['Model', [e.provider, e.model].filter(Boolean).map(asText).join(' / ')],
          ['Tokens', usage],
          ['Session', [e.sessionKey, e.sessionId].filter(Boolean).map(asText).join(' · ')],
        ]}
      />
      {(e.summary || e.error) && (
        <div>
          <p className={heading}>{e.error ? 'Error' : 'Summary'}</p>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded border border-zinc-200 bg-white p-2 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {e.error ? `${asText(e.error)}${e.summary ? `\n\n${asText(e.summary)}` : ''}` : asText(e.summary)}
          </pre>
        </div>
      )}
      <div>
        <p className={heading}>Delivery</p>
        <div className="mt-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            {e.deliveryStatus ? <DeliveryBadge status={e.deliveryStatus} /> : <span>no delivery status recorded</span>}
            {e.deliverySuppressionReason && (
              <span>
                suppressed: <span className="font-mono text-xs">{asText(e.deliverySuppressionReason)}</span>
              </span>
            )}
          </p>
          <Facts
            rows={[
              ['Delivery error', e.deliveryError && asText(e.deliveryError)],
              ['Intended', describeTarget(d?.intended)],
              [
                'Resolved',
                d?.resolved &&
                  `${describeTarget(d.resolved)}${d.resolved.ok ? '' : ` (failed${d.resolved.error ? `: ${asText(d.resolved.error)}` : ''})`}`,
              ],
              ['Sent by the message tool', d?.messageToolSentTo?.map((t) => describeTarget(t)).join('; ')],
              ['Fallback used', d?.fallbackUsed ? 'yes' : undefined],
              ['Failure notice', fail && `${asText(fail.status)}${fail.error ? `: ${asText(fail.error)}` : ''}`],
            ]}
          />
        </div>
      </div>
      <div>
        <p className={heading}>Diagnostics</p>
        {diag?.summary && <p className="mt-1">{asText(diag.summary)}</p>}
        {diag?.entries?.length ? (
          <ol className="mt-1 space-y-1">
            {diag.entries.map((x, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-2 font-mono text-xs">
                <span className="text-zinc-500 dark:text-zinc-400">
                  {formatInstant(x.ts, undefined, { seconds: true })}
                </span>
                <Badge tone={x.severity === 'error' ? 'bad' : x.severity === 'warn' ? 'warn' : 'neutral'}>
                  {x.severity}
                </Badge>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {x.source}
                  {x.toolName ? `/${x.toolName}` : ''}
                </span>
                {typeof x.exitCode === 'number' && <span>exit {x.exitCode}</span>}
                <span className="basis-full whitespace-pre-wrap break-words text-zinc-800 dark:text-zinc-200">
                  {asText(x.message)}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-zinc-500 dark:text-zinc-400">None recorded.</p>
        )}
      </div>
    </div>
  );
}
