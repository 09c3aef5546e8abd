import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCan, useGateway, useSession } from '../../../lib/gateway-context';
import { navigate } from '../../../lib/router';
import { localTimeZone } from '../../../lib/schedule';
import {
  cronQueries,
  describeMutationError,
  failureOf,
  useAddCronJob,
  useUpdateCronJob,
  type CronJob,
  type CronPatch,
} from '../../../queries/cron';
import { draftFromJob, emptyDraft, type Draft, type JobSource } from '../form-model';
import { buildAddInput, buildPatch, patchSize } from '../form-model-build';
import { fieldForGatewayError, formCaps, validateDraft, type Field, type FieldErrors } from '../form-model-rules';
import { ADMIN, isSystemJob, useNow } from '../parts';
import { useFormOptions } from './options';

export type GatewayRefusal = { field: Field; message: string; code: string };

/** A copy of a job to start a new one from: same settings, a fresh name, enabled as it was. */
export function cloneDraft(source: JobSource, browserTz: string): Draft {
  const d = draftFromJob(source, browserTz);
  d.name = d.name ? `${d.name} (copy)` : '';
  d.displayName = d.displayName ? `${d.displayName} (copy)` : '';
  // A system job's declaration belongs to the gateway; a copy is an ordinary job.
  delete d.extra.job.declarationKey;
  delete d.extra.job.owner;
  return d;
}

/**
 * The job form's state: the draft, what it was loaded from, the checks, and the two writes.
 * Edits send a minimal patch guarded by the job's configRevision; a refusal lands at the field it
 * names with every input kept; a CRON_JOB_CHANGED conflict keeps the draft and shows both sides.
 */
export function useJobForm({ job, from }: { job?: CronJob; from?: JobSource }) {
  const browserTz = useMemo(() => localTimeZone(), []);
  const gw = useGateway();
  const qc = useQueryClient();
  const canAdmin = useCan(ADMIN);
  const caps = formCaps(useSession((s) => s.hello?.protocol ?? 0));
  const options = useFormOptions();
  const add = useAddCronJob();
  const update = useUpdateCronJob();
  const now = useNow(30_000);

  const [base, setBase] = useState<{ draft: Draft; revision?: string }>(() => ({
    draft: job ? draftFromJob(job, browserTz) : from ? cloneDraft(from, browserTz) : emptyDraft(browserTz),
    revision: job?.configRevision,
  }));
  const [draft, setDraft] = useState<Draft>(base.draft);
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<GatewayRefusal | null>(null);
  const [conflict, setConflict] = useState<{ theirs: CronJob; patch: CronPatch } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const inFlight = useRef(false);
  /** Bumped to move focus to the first invalid field once the errors have rendered. */
  const [focusTick, setFocusTick] = useState(0);

  const system = job ? isSystemJob(job) : false;
  const pending = add.isPending || update.isPending;
  const clientErrors: FieldErrors = submitted ? validateDraft(draft, now, { channels: options.channels }) : {};
  const errors: FieldErrors = { ...clientErrors };
  if (refusal && !errors[refusal.field]) errors[refusal.field] = refusal.message;
  const patch = job ? buildPatch(base.draft, draft, now) : null;
  const dirty = job ? patchSize(patch ?? {}) > 0 : true;
  const staleBase = Boolean(job?.configRevision && base.revision && job.configRevision !== base.revision && !conflict);

  // The job changed on the gateway (an event re-read it, or our own toggle): an untouched form
  // follows it silently (state adjusted while rendering, not in an effect); one with edits keeps
  // them and says so (saving would be refused).
  if (job && staleBase && !dirty && !pending) {
    const next = { draft: draftFromJob(job, browserTz), revision: job.configRevision };
    setBase(next);
    setDraft(next.draft);
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };

  function showRefusal(error: unknown) {
    const f = failureOf(error);
    setRefusal({
      field: f.outcomeUnknown || f.detailCode === 'MISSING_SCOPE' ? 'form' : fieldForGatewayError(f.message),
      message: describeMutationError(error),
      code: f.detailCode ?? f.code,
    });
    setFocusTick((n) => n + 1);
  }

  function sendUpdate(p: CronPatch, revision: string | undefined) {
    if (!job) return;
    inFlight.current = true;
    update.mutate(
      { id: job.id, patch: p, expectedConfigRevision: revision },
      {
        onSuccess: (updated) => {
          const next = draftFromJob(updated, browserTz);
          setBase({ draft: next, revision: updated.configRevision });
          setDraft(next);
          setConflict(null);
          setSubmitted(false);
          setSaved(Date.now());
        },
        onError: async (error) => {
          if (failureOf(error).detailCode === 'CRON_JOB_CHANGED') {
            try {
              const theirs = await qc.fetchQuery({ ...cronQueries.job(gw, job.id), staleTime: 0 });
              setConflict({ theirs, patch: p });
            } catch (readError) {
              showRefusal(readError);
            }
            return;
          }
          showRefusal(error);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current || pending || !canAdmin || system) return;
    setSubmitted(true);
    setRefusal(null);
    const at = Date.now();
    if (Object.keys(validateDraft(draft, at, { channels: options.channels })).length > 0) {
      setFocusTick((n) => n + 1);
      return;
    }
    if (!job) {
      inFlight.current = true;
      add.mutate(buildAddInput(draft, at), {
        onSuccess: (created) => navigate(`/cron/${encodeURIComponent(created.id)}`),
        onError: showRefusal,
        onSettled: () => {
          inFlight.current = false;
        },
      });
      return;
    }
    const p = buildPatch(base.draft, draft, at);
    if (patchSize(p) > 0) sendUpdate(p, base.revision);
  }

  /** Start over from a job version (theirs on Reload), or from what was loaded. */
  function resetTo(version: CronJob | null) {
    const next = version ? { draft: draftFromJob(version, browserTz), revision: version.configRevision } : base;
    setBase(next);
    setDraft(next.draft);
    setConflict(null);
    setRefusal(null);
    setSubmitted(false);
    if (version) qc.setQueryData(cronQueries.jobKey(version.id), version);
  }

  return {
    job,
    draft,
    setDraft,
    set,
    base: base.draft,
    browserTz,
    now,
    caps,
    options,
    canAdmin,
    system,
    pending,
    dirty,
    patch,
    staleBase,
    errors,
    clientErrors,
    submitted,
    refusal,
    conflict,
    saved,
    focusTick,
    onSubmit,
    resetTo,
    overwrite: () => conflict && sendUpdate(conflict.patch, conflict.theirs.configRevision),
  };
}

export type JobFormState = ReturnType<typeof useJobForm>;
