import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const looks = {
  inline: {
    idle: 'rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white',
    copied: 'rounded px-1.5 py-0.5 text-xs bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    failed: 'rounded px-1.5 py-0.5 text-xs bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300',
  },
  button: {
    idle: 'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
    copied:
      'rounded-md border border-emerald-300 bg-emerald-50 px-3 py-1.5 text-sm text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    failed:
      'rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
  },
} as const;

/**
 * Copies text (never a secret) with navigator.clipboard and says so for a moment, also to screen readers.
 * `text: null` disables it, with `disabledReason` as the reason.
 */
export function CopyButton({
  text,
  label = 'Copy',
  what,
  disabledReason,
  look = 'inline',
  className = '',
}: {
  text: string | null;
  /** Visible label, e.g. "Copy path". */
  label?: string;
  /** What is copied, for the accessible name: "Copy path: gateway.auth.token". */
  what?: string;
  disabledReason?: string;
  look?: keyof typeof looks;
  className?: string;
}) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (insecure context, permission denied): say so instead of failing silently.
      setState('failed');
    }
  };

  const name = what ? `${label}: ${what}` : label;
  const disabled = text === null;
  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        disabled={disabled}
        aria-label={name}
        title={disabled ? disabledReason : name}
        data-state={state}
        className={`inline-flex items-center font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:text-zinc-400 dark:disabled:text-zinc-500 ${looks[look][state]} ${className}`}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </button>
      {/* Outside the button: a button's content is not announced as a live region. */}
      <span aria-live="polite" className="sr-only">
        {state === 'copied' ? `Copied ${what ?? ''}` : state === 'failed' ? `Could not copy ${what ?? ''}` : ''}
      </span>
    </>
  );
}
