import { useQuery } from '@tanstack/react-query';
import { useGateway, useReady } from '../../../lib/gateway-context';

/**
 * What the form offers as choices, read from the gateway: its agents (and their thinking levels),
 * models, and configured channels. Each is a suggestion list only: the field stays free text, and a
 * failed read leaves it empty (the form still works, the gateway judges the value).
 */

type AgentOption = { id: string; name?: string; thinking: string[] };

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const s = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function readAgents(raw: unknown): { defaultId?: string; agents: AgentOption[] } {
  const r = rec(raw);
  return {
    defaultId: s(r.defaultId),
    agents: arr(r.agents).flatMap((a) => {
      const id = s(rec(a).id);
      if (!id) return [];
      const thinking = arr(rec(a).thinkingLevels).flatMap((t) => s(rec(t).id) ?? []);
      return [{ id, name: s(rec(a).name), thinking }];
    }),
  };
}

/** "provider/id" refs, the form the gateway takes in payload.model. */
export function readModels(raw: unknown): string[] {
  return arr(rec(raw).models).flatMap((m) => {
    const id = s(rec(m).id);
    const provider = s(rec(m).provider);
    if (!id) return [];
    return [provider && !id.startsWith(`${provider}/`) ? `${provider}/${id}` : id];
  });
}

export function readChannels(raw: unknown): string[] {
  const r = rec(raw);
  const order = arr(r.channelOrder).flatMap((c) => s(c) ?? []);
  return order.length ? order : Object.keys(rec(r.channels));
}

type OptionMethod = 'agents.list' | 'models.list' | 'channels.status';

function useOption<T>(method: OptionMethod, pick: (raw: unknown) => T) {
  const gw = useGateway();
  return useQuery({
    queryKey: ['cron-form', method] as const,
    queryFn: async ({ signal }) => pick(await gw.call(method, {}, { signal })),
    enabled: useReady(),
    // Suggestions change rarely; one read per form visit is enough.
    staleTime: 60_000,
    retry: false,
  });
}

export function useFormOptions() {
  const agents = useOption('agents.list', readAgents);
  const models = useOption('models.list', readModels);
  const channels = useOption('channels.status', readChannels);
  return {
    agents: agents.data?.agents ?? [],
    defaultAgentId: agents.data?.defaultId ?? 'main',
    models: models.data ?? [],
    channels: channels.data ?? [],
  };
}

export type FormOptions = ReturnType<typeof useFormOptions>;
