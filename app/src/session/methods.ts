/**
 * Every gateway method the dashboard calls, in one table: the scope it needs (2026.9.6, verified
 * live; shared/method-scopes.json), whether it mutates (a mutation is never re-sent by itself),
 * what it takes, what it returns, and how its answer is checked before anything sees it.
 *
 * Types come from `@openclaw/gateway-protocol` where it exports them (`import type`: no bytes);
 * the rest are in ./protocol-types. `gateway.call('cron.update', params)` infers both from here.
 */
import type * as P from '@openclaw/gateway-protocol';
import type * as T from './protocol-types';
import { SHAPES, checkWith, type Checked, type Shape } from './result-shapes';

export type Scope =
  | 'operator.read'
  | 'operator.write'
  | 'operator.admin'
  | 'operator.approvals'
  | 'operator.pairing'
  | 'operator.questions'
  | 'operator.talk'
  | 'operator.talk.secrets';

/** One row. `types` exists only for the compiler: params in, result out. */
export type MethodSpec<Params, Result> = {
  scope: Scope | null;
  mutates: boolean;
  /** Checks (and repairs) the answer; absent: the answer is passed on as it is. */
  check?: Shape;
  readonly types?: (params: Params) => Result;
};

const read = <Params, Result>(scope: Scope | null, check?: Shape) =>
  ({ scope, mutates: false, check }) as MethodSpec<Params, Result>;
const write = <Params, Result>(scope: Scope | null, check?: Shape) =>
  ({ scope, mutates: true, check }) as MethodSpec<Params, Result>;

type None = Record<string, never>;

export const METHODS = {
  // gateway
  health: read<None | { probe?: boolean }, T.Health>(null, SHAPES.obj),
  status: read<None, T.StatusResult>('operator.read', SHAPES.obj),
  'system-presence': read<None, P.PresenceEntry[]>('operator.read', SHAPES.presenceList),
  'gateway.restart.preflight': read<None, T.Loose>('operator.read', SHAPES.obj),
  /** 2026.9.x only. Untargeted: the gateway waits for active work, then restarts itself. */
  'gateway.restart.request': write<T.RestartRequestParams, T.RestartRequestResult>('operator.admin', SHAPES.obj),
  'agents.list': read<P.AgentsListParams, P.AgentsListResult>('operator.read', SHAPES.obj),
  'models.list': read<P.ModelsListParams, P.ModelsListResult>('operator.read', SHAPES.obj),
  'channels.status': read<P.ChannelsStatusParams, P.ChannelsStatusResult>('operator.read', SHAPES.obj),

  // cron
  'cron.status': read<P.CronStatusParams, T.CronStatusResult>('operator.read', SHAPES.cronStatus),
  'cron.list': read<P.CronListParams, T.CronListResult>('operator.read', SHAPES.cronList),
  /** Missing on 2026.3.x: answered from cron.list there (compat.ts). */
  'cron.get': read<T.CronIdParams, T.CronJob>('operator.read', SHAPES.cronJob),
  'cron.runs': read<P.CronRunsParams, T.CronRunsResult>('operator.read', SHAPES.cronRuns),
  'cron.add': write<P.CronAddParams, P.CronAddResult>('operator.admin', SHAPES.cronAdd),
  /** Guard: `expectedConfigRevision` (the job's `configRevision`); stale gives CRON_JOB_CHANGED. */
  'cron.update': write<T.CronUpdateParams, T.CronJob>('operator.admin', SHAPES.cronJob),
  'cron.remove': write<T.CronIdParams, T.CronRemoveResult>('operator.admin'),
  'cron.run': write<T.CronRunParams, T.CronRunResult>('operator.admin', SHAPES.obj),

  // config: writes are guarded by `baseHash` (config.get's `hash`)
  'config.get': read<P.ConfigGetParams, T.ConfigGetResult>('operator.read', SHAPES.configGet),
  'config.schema': read<P.ConfigSchemaParams, P.ConfigSchemaResponse>('operator.read', SHAPES.obj),
  'config.schema.lookup': read<P.ConfigSchemaLookupParams, P.ConfigSchemaLookupResult>('operator.read', SHAPES.obj),
  'config.patch': write<P.ConfigPatchParams, T.ConfigWriteResult>('operator.admin', SHAPES.obj),
  'config.set': write<P.ConfigSetParams, T.ConfigWriteResult>('operator.admin', SHAPES.obj),
  'config.apply': write<P.ConfigApplyParams, T.ConfigWriteResult>('operator.admin', SHAPES.obj),

  // devices
  'device.pair.list': read<P.DevicePairListParams, T.DevicePairListResult>('operator.pairing', SHAPES.pairList),
  'device.pair.approve': write<P.DevicePairApproveParams, T.DevicePairApproveResult>(
    'operator.pairing',
    SHAPES.pairApprove,
  ),
  'device.pair.reject': write<P.DevicePairRejectParams, T.Loose>('operator.pairing'),
  'device.pair.remove': write<P.DevicePairRemoveParams, T.Loose>('operator.pairing'),
  'device.pair.rename': write<P.DevicePairRenameParams, T.Loose>('operator.pairing'),
  'device.token.rotate': write<P.DeviceTokenRotateParams, T.Loose>('operator.pairing'),
  'device.token.revoke': write<P.DeviceTokenRevokeParams, T.Loose>('operator.pairing'),
  /** Self-scoped: any authenticated operator may ask for its own device. */
  'device.scopes.requestUpgrade': write<P.ScopeUpgradeRequest, { requestId: string }>(null, SHAPES.upgradeRequest),
  /** Blocks until a decision (or expiry): call with a long timeout. */
  'device.scopes.waitUpgrade': read<P.ScopeUpgradeWait, T.ScopeUpgradeOutcome>(null, SHAPES.upgradeWait),

  // nodes
  'node.list': read<P.NodeListParams, T.NodeListResult>('operator.read', SHAPES.nodeList),
  'node.describe': read<P.NodeDescribeParams, T.NodeInfo>('operator.read', SHAPES.node),
  'node.pair.list': read<P.NodePairListParams, T.NodePairListResult>('operator.pairing', SHAPES.obj),
  'node.pair.approve': write<P.NodePairApproveParams, T.Loose>('operator.pairing'),
  'node.pair.reject': write<P.NodePairRejectParams, T.Loose>('operator.pairing'),
  'node.pair.remove': write<P.NodePairRemoveParams, T.Loose>('operator.pairing'),
} satisfies Record<string, MethodSpec<never, unknown>>;

export type Method = keyof typeof METHODS;
// Distributive, so a union of methods gives a union of params (not an intersection).
export type Params<M extends Method> = M extends Method
  ? (typeof METHODS)[M] extends MethodSpec<infer A, unknown>
    ? A
    : never
  : never;
export type Result<M extends Method> = M extends Method
  ? (typeof METHODS)[M] extends MethodSpec<never, infer R>
    ? R
    : never
  : never;

/** The methods the Session page probes live, in display order. */
export const PROBED_METHODS = [
  'status',
  'system-presence',
  'config.get',
  'cron.list',
  'cron.add',
  'cron.run',
  'cron.runs',
  'device.pair.list',
] as const satisfies readonly Method[];

export const isMethod = (name: string): name is Method => Object.hasOwn(METHODS, name);

export function scopeFor(method: string): Scope | null {
  return isMethod(method) ? METHODS[method].scope : null;
}

/** Check a method's answer against its row's shape; unknown methods pass as they are. */
export function checkResult(method: string, value: unknown): Checked {
  return checkWith(isMethod(method) ? METHODS[method].check : undefined, method, value);
}
