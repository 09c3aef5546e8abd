import { useId } from 'react';
import type { AlertMode, DeliveryMode } from '../form-model';
import { Check, FieldMessage, Section, Segmented, TextField, toTri, triChecked } from './fields';
import type { JobFormState } from './use-job-form';

/**
 * Where results and failures go. Chat delivery is not offered to main-session jobs (the gateway
 * refuses it); a failure destination on a main job needs webhook delivery, which the checks explain.
 */
export function DeliverySection({ f }: { f: JobFormState }) {
  const { draft, set, errors, caps, options } = f;
  const id = useId();
  const main = draft.targetKind === 'main';
  const channelList = ['last', ...options.channels];
  return (
    <Section title="Delivery and alerts">
      <Segmented<DeliveryMode>
        legend="Where the result goes"
        value={draft.deliveryMode}
        onChange={(v) => set('deliveryMode', v)}
        options={[
          { value: 'none', label: 'None' },
          ...(main && draft.deliveryMode !== 'announce'
            ? []
            : [{ value: 'announce' as const, label: main ? 'Announce (refused for main)' : 'Announce to a chat' }]),
          { value: 'webhook', label: 'Webhook' },
        ]}
        help={main ? 'Main-session jobs cannot announce to a chat; pick an isolated target for that.' : undefined}
        error={draft.deliveryMode === 'none' ? errors.delivery : undefined}
      />
      {draft.deliveryMode === 'announce' && (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <TextField
            id={`${id}-channel`}
            label="Channel"
            mono
            value={draft.channel}
            onChange={(v) => set('channel', v)}
            placeholder="last"
            list={channelList}
            help={
              options.channels.length
                ? `Configured: ${options.channels.join(', ')}; or “last” for the last route used.`
                : 'No channels are configured on this gateway; “last” uses the last route.'
            }
          />
          <TextField
            id={`${id}-to`}
            label="To"
            mono
            value={draft.to}
            onChange={(v) => set('to', v)}
            placeholder="-1001234567890"
            error={errors.delivery}
            help="Optional recipient on that channel (telegram:123 also picks the channel)."
          />
          {!caps.legacy && (
            <TextField
              id={`${id}-thread`}
              label="Thread"
              mono
              value={draft.threadId}
              onChange={(v) => set('threadId', v)}
              placeholder="optional"
            />
          )}
          <TextField
            id={`${id}-account`}
            label="Account"
            mono
            value={draft.accountId}
            onChange={(v) => set('accountId', v)}
            placeholder="channel default"
          />
          <Check
            label="Best effort"
            checked={triChecked(draft.bestEffort)}
            onChange={(on) => set('bestEffort', toTri(on))}
            help="A failed delivery does not fail the run (and needs no explicit channel)."
          />
          {!caps.legacy && (
            <TextField
              id={`${id}-done`}
              label="Completion webhook"
              type="url"
              mono
              value={draft.completionWebhook}
              onChange={(v) => set('completionWebhook', v)}
              placeholder="https://example.com/done"
              help="Also POST the finished result here."
            />
          )}
        </div>
      )}
      {draft.deliveryMode === 'webhook' && (
        <div className="mt-4 max-w-xl space-y-4">
          <TextField
            id={`${id}-hook`}
            label="Webhook URL"
            type="url"
            required
            mono
            value={draft.to}
            onChange={(v) => set('to', v)}
            placeholder="https://example.com/openclaw/cron"
            error={errors.delivery}
            help="The finished payload is POSTed here."
          />
          <Check
            label="Best effort"
            checked={triChecked(draft.bestEffort)}
            onChange={(on) => set('bestEffort', toTri(on))}
          />
        </div>
      )}

      <fieldset className="mt-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <legend className="sr-only">Failure destination</legend>
        <Check
          label="Send failures somewhere else"
          checked={draft.failureDestOn}
          onChange={(on) => set('failureDestOn', on)}
          help={
            main
              ? 'For a main-session job this needs webhook delivery above.'
              : 'Where failure notices go instead of the delivery target.'
          }
        />
        {draft.failureDestOn && (
          <Route
            f={f}
            prefix={`${id}-fd`}
            mode={draft.failureDestMode}
            onMode={(v) => set('failureDestMode', v)}
            values={[draft.failureDestChannel, draft.failureDestTo, draft.failureDestAccountId]}
            onValue={(i, v) => set((['failureDestChannel', 'failureDestTo', 'failureDestAccountId'] as const)[i]!, v)}
          />
        )}
      </fieldset>

      <AlertFields f={f} />
    </Section>
  );
}

/** Mode, channel, to and account of a failure route (failure destination or alert). */
function Route({
  f,
  prefix,
  mode,
  onMode,
  values,
  onValue,
}: {
  f: JobFormState;
  prefix: string;
  mode: '' | 'announce' | 'webhook';
  onMode: (v: '' | 'announce' | 'webhook') => void;
  values: [string, string, string];
  onValue: (i: 0 | 1 | 2, v: string) => void;
}) {
  return (
    <div className="mt-3 grid gap-4 md:grid-cols-2">
      <Segmented
        legend="Send as"
        value={mode}
        onChange={onMode}
        options={[
          { value: '', label: 'Default' },
          { value: 'announce', label: 'Chat' },
          { value: 'webhook', label: 'Webhook' },
        ]}
      />
      {mode !== 'webhook' && (
        <TextField
          id={`${prefix}-channel`}
          label="Channel"
          mono
          value={values[0]}
          onChange={(v) => onValue(0, v)}
          placeholder="last"
          list={['last', ...f.options.channels]}
        />
      )}
      <TextField
        id={`${prefix}-to`}
        label={mode === 'webhook' ? 'Webhook URL' : 'To'}
        mono
        value={values[1]}
        onChange={(v) => onValue(1, v)}
        placeholder={mode === 'webhook' ? 'https://example.com/alerts' : 'recipient'}
      />
      {mode !== 'webhook' && (
        <TextField
          id={`${prefix}-account`}
          label="Account"
          mono
          value={values[2]}
          onChange={(v) => onValue(2, v)}
          placeholder="channel default"
        />
      )}
    </div>
  );
}

function AlertFields({ f }: { f: JobFormState }) {
  const { draft, set, errors, caps } = f;
  const id = useId();
  return (
    <fieldset className="mt-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <legend className="sr-only">Failure alert</legend>
      <Segmented<AlertMode>
        legend="Failure alert"
        value={draft.alertMode}
        onChange={(v) => set('alertMode', v)}
        options={[
          { value: 'inherit', label: 'Gateway default' },
          { value: 'off', label: 'Off' },
          { value: 'custom', label: 'Custom' },
        ]}
        help={
          draft.alertMode === 'inherit'
            ? 'Follows cron.failureAlert in the gateway config (by default: after 2 failures, at most hourly).'
            : draft.alertMode === 'off'
              ? 'No failure alerts for this job (the auto-disable notice still goes out).'
              : undefined
        }
        error={draft.alertMode !== 'custom' ? errors.failureAlert : undefined}
      />
      {draft.alertMode === 'custom' && (
        <>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            <TextField
              id={`${id}-after`}
              label="After consecutive failures"
              type="number"
              value={draft.alertAfter}
              onChange={(v) => set('alertAfter', v)}
              placeholder="2"
            />
            <TextField
              id={`${id}-cooldown`}
              label="Cooldown (ms)"
              type="number"
              value={draft.alertCooldownMs}
              onChange={(v) => set('alertCooldownMs', v)}
              placeholder="3600000"
              help="Least time between two alerts."
            />
          </div>
          <Route
            f={f}
            prefix={`${id}-route`}
            mode={draft.alertDeliveryMode}
            onMode={(v) => set('alertDeliveryMode', v)}
            values={[draft.alertChannel, draft.alertTo, draft.alertAccountId]}
            onValue={(i, v) => set((['alertChannel', 'alertTo', 'alertAccountId'] as const)[i]!, v)}
          />
          {!caps.legacy && (
            <div className="mt-3">
              <Check
                label="Include skipped runs"
                checked={triChecked(draft.alertIncludeSkipped)}
                onChange={(on) => set('alertIncludeSkipped', toTri(on))}
                help="Repeated skips count towards the alert too."
              />
            </div>
          )}
          <FieldMessage id={`${id}-msg`} error={errors.failureAlert} />
        </>
      )}
    </fieldset>
  );
}
