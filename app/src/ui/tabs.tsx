import { useId, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A tab bar and its panel (WAI-ARIA tabs: one tab in the tab order, arrows/Home/End move between them).
 * The caller owns which tab is active (usually a URL parameter), so a reload or a link keeps the view.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  active,
  onSelect,
  children,
}: {
  /** Names the tab list for assistive tech, e.g. "Cron views". */
  label: string;
  tabs: readonly (readonly [key: K, label: string])[];
  active: K;
  onSelect: (key: K) => void;
  /** The active tab's panel. */
  children: ReactNode;
}) {
  const base = useId();
  const tabId = (key: K) => `${base}-tab-${key}`;
  const panelId = (key: K) => `${base}-panel-${key}`;

  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex(([key]) => key === active);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[next];
    if (!tab) return;
    e.preventDefault();
    onSelect(tab[0]);
    document.getElementById(tabId(tab[0]))?.focus();
  };

  return (
    <div>
      <div
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
      >
        {tabs.map(([key, text]) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={tabId(key)}
            aria-selected={active === key}
            aria-controls={active === key ? panelId(key) : undefined}
            tabIndex={active === key ? 0 : -1}
            onClick={() => onSelect(key)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              active === key
                ? 'border-teal-600 font-medium text-zinc-900 dark:border-teal-400 dark:text-white'
                : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white'
            }`}
          >
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(active)} aria-labelledby={tabId(active)} className="pt-4">
        {children}
      </div>
    </div>
  );
}
