import { useEffect, useState } from 'react';
import { useAgents } from '../../queries/cron';
import type { ListFilters } from './list-model';
import { inputClass } from './parts';

/** A value that settles `ms` after the last change (typing in a search box re-reads the list once). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export type FilterSetters = { [K in keyof ListFilters]: (v: string) => void };

export function FilterBar({
  filters,
  set,
  agentAndTrigger,
}: {
  filters: ListFilters;
  set: FilterSetters;
  /** False on gateways whose cron.list has no agent or trigger filter (2026.3.x). */
  agentAndTrigger: boolean;
}) {
  const agents = useAgents({ enabled: agentAndTrigger });
  const select = `${inputClass} w-auto pr-8`;
  const agentIds = agents.data?.agents.map((a) => a.id) ?? [];
  // A filter from the URL for an agent the gateway no longer lists stays visible (and removable).
  if (filters.agent && !agentIds.includes(filters.agent)) agentIds.push(filters.agent);
  return (
    <div className="space-y-2">
      <div role="search" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3">
        <label className="min-w-56 flex-1 text-sm">
          <span className="mb-1 block font-medium">Search</span>
          <input
            type="search"
            value={filters.q}
            onChange={(e) => set.q(e.target.value)}
            placeholder="Name, id, description, agent…"
            title="The gateway's own search: job id, name, display name, description and agent"
            className={inputClass}
          />
        </label>
        {agentAndTrigger && (
          <>
            <label className="text-sm">
              <span className="mb-1 block font-medium">Agent</span>
              <select value={filters.agent} onChange={(e) => set.agent(e.target.value)} className={select}>
                <option value="">Any agent</option>
                {agentIds.map((id) => (
                  <option key={id} value={id}>
                    {id}
                    {id === agents.data?.defaultId ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium">Trigger</span>
              <select value={filters.trigger} onChange={(e) => set.trigger(e.target.value)} className={select}>
                <option value="all">With or without</option>
                <option value="conditional">Has a trigger script</option>
                <option value="unconditional">No trigger script</option>
              </select>
            </label>
          </>
        )}
        <label className="text-sm">
          <span className="mb-1 block font-medium">Enabled</span>
          <select value={filters.enabled} onChange={(e) => set.enabled(e.target.value)} className={select}>
            <option value="all">All</option>
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Schedule</span>
          <select value={filters.kind} onChange={(e) => set.kind(e.target.value)} className={select}>
            <option value="all">Any kind</option>
            <option value="cron">Cron expression</option>
            <option value="every">Every N</option>
            <option value="at">Once at</option>
            <option value="on-exit">On exit</option>
            <option value="stream">Stream</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Last run</span>
          <select value={filters.status} onChange={(e) => set.status(e.target.value)} className={select}>
            <option value="all">Any status</option>
            <option value="ok">ok</option>
            <option value="error">error</option>
            <option value="skipped">skipped</option>
            <option value="never">never run</option>
          </select>
        </label>
      </div>
      {!agentAndTrigger && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="filters-note">
          This gateway (protocol 3) cannot filter jobs by agent or trigger, so those filters are hidden.
        </p>
      )}
    </div>
  );
}
