/**
 * Answer and param shapes that `@openclaw/gateway-protocol` does not export, written from the
 * live gateway (shared/PROTOCOL.md §4). Built from the package's own types wherever it has the
 * parts. Optional here means "may be absent after the boundary check" (result-shapes.ts).
 */
import type * as P from '@openclaw/gateway-protocol';

/** An answer the dashboard does not look inside. */
export type Loose = Record<string, unknown>;

export type Health = Loose;
export type StatusResult = Loose & { runtimeVersion?: string };

export type Page = { total?: number; offset?: number; limit?: number; hasMore?: boolean; nextOffset?: number | null };

export type CronStatusResult = {
  enabled?: boolean;
  triggersEnabled?: boolean;
  storage?: string;
  storePath?: string;
  jobs?: number;
  nextWakeAtMs?: number | null;
};

export type CronListResult = Page & {
  jobs: CronJob[];
  snapshotRevision?: string;
  deliveryPreviews?: Record<string, P.CronDeliveryPreview>;
};

export type CronRunsResult = Page & { entries: P.CronRunLogEntry[] };

/** The package's CronRunParams lacks `mode`, which 2026.9.6 accepts (default "force"). */
export type CronRunParams = CronIdParams & {
  mode?: 'due' | 'force' | 'if-enabled';
  expectedProcessInstanceId?: string;
};
/** An enqueue only: the run's result arrives as a `cron` event and in `cron.runs`. */
export type CronRunResult = {
  ok?: boolean;
  enqueued?: boolean;
  ran?: boolean;
  runId?: string;
  reason?: string;
  processInstanceId?: string;
};
export type CronRemoveResult = unknown;

export type ConfigIssue = { path?: string; message?: string; [k: string]: unknown };
/** Secrets are the literal "__OPENCLAW_REDACTED__" in every view; `hash` is the write guard (`baseHash`). */
export type ConfigGetResult = {
  path?: string;
  includedPaths?: string[];
  exists?: boolean;
  raw?: string | null;
  parsed?: unknown;
  sourceConfig?: unknown;
  resolved?: unknown;
  runtimeConfig?: unknown;
  config?: unknown;
  valid?: boolean;
  hash?: string;
  configRevisionHash?: string;
  appliedConfigHash?: string;
  issues?: unknown[];
  warnings?: unknown[];
  legacyIssues?: unknown[];
};
export type ConfigWriteResult = Loose & {
  ok?: boolean;
  noop?: boolean;
  changedPaths?: string[];
  path?: string;
  hash?: string;
  config?: unknown;
};

export type RestartRequestParams = { reason?: string; skipDeferral?: boolean };
export type RestartRequestResult = Loose & { ok?: boolean; status?: string };

export type PendingDevice = {
  requestId: string;
  deviceId?: string;
  publicKey?: string;
  platform?: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  roles?: string[];
  scopes?: string[];
  silent?: boolean;
  isRepair?: boolean;
  ts?: number;
};
export type DeviceToken = {
  role: string;
  scopes?: string[];
  createdAtMs?: number;
  rotatedAtMs?: number;
  lastUsedAtMs?: number;
  revokedAtMs?: number;
};
export type PairedDevice = {
  deviceId: string;
  publicKey?: string;
  platform?: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  roles?: string[];
  scopes?: string[];
  approvedVia?: string;
  createdAtMs?: number;
  approvedAtMs?: number;
  lastSeenAtMs?: number;
  lastSeenReason?: string;
  connected?: boolean;
  operatorLabel?: string;
  displayName?: string;
  tokens?: DeviceToken[];
};
export type DevicePairListResult = { pending?: PendingDevice[]; paired?: PairedDevice[] };
export type DevicePairApproveResult = { requestId?: string; device?: PairedDevice };

export type ScopeUpgradeOutcome = { status: string; requestId?: string; deviceToken?: string; scopes?: string[] };

/** 2026.9.6 also sends `effectiveAgentId` (the agent the job runs as), which the package lacks. */
export type CronJob = P.CronJob & { effectiveAgentId?: string | null };

export type NodeInfo = Loose & {
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  deviceFamily?: string;
  remoteIp?: string;
  connected?: boolean;
  paired?: boolean;
  active?: boolean;
  caps?: string[];
  commands?: string[];
  connectedAtMs?: number;
  lastSeenAtMs?: number;
  lastSeenReason?: string;
};
export type NodeListResult = { ts?: number; activeNodeId?: string; nodes: NodeInfo[] };
export type NodePairListResult = Loose & { pending?: Loose[]; paired?: Loose[] };

/** A patch field may be null: the patch schema reads null as "remove". */
type Clearable<U> = { [K in keyof U]?: U[K] | null };
type PartialEach<U> = U extends unknown ? Clearable<U> : never;
type KindPatch<U> = U extends { kind: infer K } ? Clearable<U> & { kind: K } : never;
type Add = P.CronAddParams;
/**
 * What cron.update's `patch` takes. The package's d.mts loses cron.update's params (its
 * protocol.schema.json has them): built here from CronAddParams, as the schema does.
 */
export type CronJobPatch = Partial<Omit<Add, 'payload' | 'delivery' | 'displayName' | 'agentId' | 'sessionKey'>> & {
  displayName?: string | null;
  agentId?: string | null;
  sessionKey?: string | null;
  payload?: KindPatch<Add['payload']>;
  delivery?: PartialEach<NonNullable<Add['delivery']>>;
};
/** Guarded by `expectedConfigRevision` (the job's `configRevision`): stale gives CRON_JOB_CHANGED. */
export type CronUpdateParams = { id: string; patch: CronJobPatch; expectedConfigRevision?: string };
export type CronIdParams = { id: string };
