import {
  memo,
  useCallback,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  copyValue,
  countRedacted,
  defaultExpanded,
  displayValue,
  highlightParts,
  indexTree,
  resolveExpanded,
  searchTree,
  visibleRows,
  type ConfigSnapshot,
  type NodeKind,
  type SearchHit,
  type SearchResult,
  type TreeNode,
} from '../../lib/config-tree';
import { useSearchParam } from '../../lib/router';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/states';
import type { TreeEdit } from './edit/edit-area';
import { CopyButton } from '../../ui/copy-button';

const VIEWS = {
  parsed: {
    label: 'Authored',
    field: 'parsed',
    help: 'The file as written (parsed), before includes and env substitution.',
  },
  resolved: { label: 'Resolved', field: 'resolved', help: 'After $include files and ${ENV} references are resolved.' },
  effective: {
    label: 'Effective',
    field: 'effective',
    help: 'What the runtime uses: the resolved config plus built-in defaults.',
  },
} as const satisfies Record<string, { label: string; field: keyof ConfigSnapshot; help: string }>;
type View = keyof typeof VIEWS;
const isView = (v: string | null): v is View => v !== null && v in VIEWS;

const ROW_HEIGHT = 32;
/** Up to this many visible rows render plainly (find-in-page works); beyond it only the rows in view do. */
const VIRTUALIZE_AFTER = 250;

/** Per-search toggles, dropped when the query changes. */
type Overrides = { query: string; map: Map<string, boolean> };

export function ConfigTreeView({ snapshot, edit }: { snapshot: ConfigSnapshot; edit?: TreeEdit }) {
  const [viewParam, setViewParam] = useSearchParam('view');
  const view: View = isView(viewParam) ? viewParam : 'parsed';
  const [queryParam, setQueryParam] = useSearchParam('q');
  const query = queryParam ?? '';
  const deferredQuery = useDeferredValue(query);

  const root = snapshot[VIEWS[view].field];
  const index = useMemo(() => indexTree(root), [root]);
  const search = useMemo(() => searchTree(index, deferredQuery), [index, deferredQuery]);
  const redacted = useMemo(() => countRedacted(root), [root]);

  // Expansion is kept per view and keyed by path, so it survives a refresh after config.changed.
  const [expandedByView, setExpandedByView] = useState<Partial<Record<View, Set<string>>>>({});
  const base = useMemo(() => expandedByView[view] ?? defaultExpanded(index), [expandedByView, view, index]);
  const [overrides, setOverrides] = useState<Overrides>({ query: '', map: new Map() });
  const activeOverrides = search && overrides.query === search.query ? overrides.map : undefined;
  const expanded = useMemo(() => resolveExpanded(base, search, activeOverrides), [base, search, activeOverrides]);
  const rows = useMemo(() => visibleRows(index, expanded, search), [index, expanded, search]);

  const setBase = useCallback((next: Set<string>) => setExpandedByView((m) => ({ ...m, [view]: next })), [view]);
  const toggle = useCallback(
    (id: string, open: boolean) => {
      if (search) {
        setOverrides((o) => {
          const map = new Map(o.query === search.query ? o.map : undefined);
          map.set(id, open);
          return { query: search.query, map };
        });
      }
      // Also remember it outside the search, so clearing the search keeps what was opened.
      const next = new Set(base);
      if (open) next.add(id);
      else next.delete(id);
      setBase(next);
    },
    [search, base, setBase],
  );
  const expandAll = () => {
    setBase(new Set(index.containers));
    setOverrides({ query: '', map: new Map() });
  };
  const collapseAll = () => {
    setBase(new Set());
    if (search) setOverrides({ query: search.query, map: new Map(index.containers.map((id) => [id, false])) });
  };

  return (
    <Card
      title="Config tree"
      actions={
        <div
          role="group"
          aria-label="Config view"
          className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
        >
          {(Object.keys(VIEWS) as View[]).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={v === view}
              title={VIEWS[v].help}
              onClick={() => setViewParam(v === 'parsed' ? null : v)}
              className={`rounded px-2.5 py-1 text-xs font-medium ${
                v === view
                  ? 'bg-teal-700 text-white dark:bg-teal-600'
                  : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white'
              }`}
            >
              {VIEWS[v].label}
            </button>
          ))}
        </div>
      }
    >
      <p className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
        {VIEWS[view].help}
        {redacted > 0 &&
          (redacted === 1
            ? ' 1 secret value is redacted by the gateway: it never reaches this browser.'
            : ` ${redacted} secret values are redacted by the gateway: they never reach this browser.`)}
      </p>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={query}
          onChange={(e) => setQueryParam(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQueryParam(null);
          }}
          aria-label="Search the config"
          placeholder="Search keys, values or paths (gateway.auth)"
          className="min-w-64 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-950"
        />
        <Button variant="ghost" onClick={expandAll} disabled={index.containers.length === 0}>
          Expand all
        </Button>
        <Button variant="ghost" onClick={collapseAll} disabled={index.containers.length === 0}>
          Collapse all
        </Button>
        <span aria-live="polite" className="text-xs text-zinc-500 tabular-nums" data-testid="config-tree-count">
          {search
            ? `${search.matches.size} ${search.matches.size === 1 ? 'match' : 'matches'}`
            : `${index.nodes.size} ${index.nodes.size === 1 ? 'entry' : 'entries'}`}
        </span>
      </div>
      {index.roots.length === 0 ? (
        <EmptyTree view={view} snapshot={snapshot} onShow={(v) => setViewParam(v)} />
      ) : search && search.matches.size === 0 ? (
        <EmptyState title={`Nothing matches “${search.query}”`}>
          Searched keys, paths and values of the {VIEWS[view].label.toLowerCase()} view.{' '}
          <button type="button" className="underline" onClick={() => setQueryParam(null)}>
            Clear the search
          </button>
        </EmptyState>
      ) : (
        <TreeRows rows={rows} expanded={expanded} search={search} onToggle={toggle} edit={edit} />
      )}
    </Card>
  );
}

function EmptyTree({ view, snapshot, onShow }: { view: View; snapshot: ConfigSnapshot; onShow: (v: View) => void }) {
  if (view === 'parsed' && snapshot.exists === false) {
    return (
      <EmptyState title="No config file on disk">
        The gateway runs on built-in defaults; the first config write creates the file.{' '}
        <button
          type="button"
          className="font-medium text-teal-700 underline dark:text-teal-400"
          onClick={() => onShow('effective')}
        >
          Show the effective config
        </button>{' '}
        to see what is in use.
      </EmptyState>
    );
  }
  if (snapshot.valid === false) {
    return (
      <EmptyState title="No config content while the file is invalid">
        The saved file does not validate, so the gateway sends no parsed config. Fix the issues listed above, then
        refresh.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="This view is empty">
      The gateway sent an empty object for the {VIEWS[view].label.toLowerCase()} config.
    </EmptyState>
  );
}

/** Virtualized past VIRTUALIZE_AFTER rows: only the rows in view are in the DOM, so expanding a large config stays fast. */
function TreeRows({
  rows,
  expanded,
  search,
  onToggle,
  edit,
}: {
  rows: TreeNode[];
  expanded: ReadonlySet<string>;
  search: SearchResult | null;
  onToggle: (id: string, open: boolean) => void;
  edit?: TreeEdit;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_AFTER;
  // No React Compiler here, so nothing memoizes the virtualizer's functions: the rule's concern does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    enabled: virtual,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtual
    ? virtualizer.getVirtualItems().map((v) => ({ index: v.index, start: v.start }))
    : rows.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const totalHeight = virtual ? virtualizer.getTotalSize() : rows.length * ROW_HEIGHT;

  const rowTarget = (i: number) =>
    scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${i}"][data-row-focus], [data-index="${i}"] [data-row-focus]`,
    ) ?? null;
  const focusRow = (i: number) => {
    if (virtual) virtualizer.scrollToIndex(i, { align: 'auto' });
    const el = rowTarget(i);
    // Rendered already (overscan): focus now, so a fast second key press starts from the right row.
    if (el) el.focus();
    else requestAnimationFrame(() => rowTarget(i)?.focus());
  };

  // Arrow keys move between rows and open/close containers, as in a file tree.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!rowEl || (e.target as HTMLElement).tagName === 'INPUT') return;
    const i = Number(rowEl.dataset.index);
    const node = rows[i];
    if (!node) return;
    const open = expanded.has(node.id);
    let handled = true;
    if (e.key === 'ArrowDown') focusRow(Math.min(i + 1, rows.length - 1));
    else if (e.key === 'ArrowUp') focusRow(Math.max(i - 1, 0));
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(rows.length - 1);
    else if (e.key === 'ArrowRight' && node.children.length > 0) {
      if (!open) onToggle(node.id, true);
      else focusRow(i + 1);
    } else if (e.key === 'ArrowLeft') {
      if (node.children.length > 0 && open) onToggle(node.id, false);
      else if (node.parent !== null) {
        const p = rows.findIndex((r) => r.id === node.parent);
        if (p >= 0) focusRow(p);
      }
    } else handled = false;
    if (handled) e.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      className="max-h-[70vh] overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
      data-testid="config-tree"
    >
      <ul aria-label="Config entries" className="relative w-full" style={{ height: totalHeight }}>
        {items.map((item) => {
          const node = rows[item.index]!;
          return (
            <TreeRow
              key={node.id}
              index={item.index}
              top={item.start}
              node={node}
              open={expanded.has(node.id)}
              query={search?.query ?? ''}
              hit={search?.hits.get(node.id)}
              onToggle={onToggle}
              onEdit={edit?.onEdit}
              staged={edit?.staged.has(node.id) ?? false}
            />
          );
        })}
      </ul>
    </div>
  );
}

const VALUE_STYLE: Record<NodeKind, string> = {
  string: 'text-teal-700 dark:text-teal-300',
  number: 'text-sky-700 dark:text-sky-300',
  boolean: 'text-violet-700 dark:text-violet-300',
  null: 'italic text-zinc-500 dark:text-zinc-400',
  object: 'text-zinc-500 dark:text-zinc-500',
  array: 'text-zinc-500 dark:text-zinc-500',
  redacted: '',
  other: 'text-zinc-500',
};

const TreeRow = memo(function TreeRow({
  index,
  top,
  node,
  open,
  query,
  hit,
  onToggle,
  onEdit,
  staged,
}: {
  index: number;
  top: number;
  node: TreeNode;
  open: boolean;
  query: string;
  hit: SearchHit | undefined;
  onToggle: (id: string, open: boolean) => void;
  onEdit?: (id: string) => void;
  staged: boolean;
}) {
  const container = node.children.length > 0;
  const value = displayValue(node);
  return (
    <li
      data-index={index}
      data-path={node.id}
      // A leaf has no toggle: the row itself takes focus when moving with the arrow keys.
      {...(container ? {} : { 'data-row-focus': true, tabIndex: -1 })}
      className={`group absolute left-0 flex w-full items-center gap-1.5 border-b border-zinc-100 pr-2 text-sm outline-offset-[-2px] hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-800/40 ${hit ? 'bg-yellow-50/60 dark:bg-yellow-500/5' : ''}`}
      style={{ top, height: ROW_HEIGHT, paddingLeft: 8 + node.depth * 18 }}
    >
      {container ? (
        <button
          type="button"
          data-row-focus
          aria-expanded={open}
          aria-label={`${node.id} (${value})`}
          onClick={() => onToggle(node.id, !open)}
          className="flex h-6 w-6 shrink-0 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white"
        >
          <span aria-hidden className={`inline-block text-xs transition-transform ${open ? 'rotate-90' : ''}`}>
            ▸
          </span>
        </button>
      ) : (
        <span className="w-6 shrink-0" aria-hidden />
      )}
      <span className="max-w-[45%] shrink-0 truncate font-mono text-xs" title={node.id}>
        <span className={node.isIndex ? 'text-zinc-500' : 'font-medium text-zinc-900 dark:text-zinc-100'}>
          {hit?.path && !hit.key ? (
            <Mark>{node.key}</Mark>
          ) : (
            <Highlighted text={node.key} query={hit?.key ? query : ''} />
          )}
        </span>
        <span className="text-zinc-400" aria-hidden>
          :
        </span>
      </span>
      <span className="min-w-0 flex-1 truncate font-mono text-xs">
        {node.kind === 'redacted' ? (
          <Badge tone="warn" title="Redacted by the gateway: the value never reaches this browser.">
            redacted
          </Badge>
        ) : (
          <span className={VALUE_STYLE[node.kind]} title={node.kind === 'string' ? value : undefined}>
            <Highlighted text={value} query={hit?.value ? query : ''} />
          </span>
        )}
        {staged && (
          <Badge tone="info" title="A change to this key is staged: see Review changes.">
            staged
          </Badge>
        )}
      </span>
      {/* Over the row's end rather than beside it: hidden actions must not eat the value's width. Still focusable while invisible. */}
      <span className="absolute top-1/2 right-1 flex -translate-y-1/2 items-center gap-0.5 rounded bg-white/95 opacity-0 shadow-sm ring-1 ring-zinc-200 group-focus-within:opacity-100 group-hover:opacity-100 dark:bg-zinc-900/95 dark:ring-zinc-700 [@media(hover:none)]:opacity-100">
        {onEdit && (
          <button
            type="button"
            onClick={() => onEdit(node.id)}
            aria-label={`Edit ${node.id}`}
            className="rounded px-1.5 py-0.5 text-xs font-medium text-teal-800 hover:bg-teal-50 dark:text-teal-300 dark:hover:bg-teal-950"
          >
            Edit
          </button>
        )}
        <CopyButton text={node.id} label="Copy path" what={node.id} />
        <CopyButton
          text={copyValue(node)}
          label="Copy value"
          what={`value of ${node.id}`}
          disabledReason="Redacted by the gateway: there is no value to copy."
        />
      </span>
    </li>
  );
});

function Mark({ children }: { children: ReactNode }) {
  return <mark className="rounded-sm bg-yellow-200 text-inherit dark:bg-yellow-500/40">{children}</mark>;
}

/** Matches wrapped in <mark>, everything as text nodes (config values are never HTML). */
function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  return (
    <>
      {highlightParts(text, query).map((p, i) =>
        p.match ? <Mark key={i}>{p.text}</Mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}
