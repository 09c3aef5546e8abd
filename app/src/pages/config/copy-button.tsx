import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text with navigator.clipboard and says so for a moment. `text: null` disables it, with a reason. */
export function CopyButton({
  text,
  label,
  what,
  disabledReason,
  className = '',
}: {
  text: string | null;
  /** Visible label, e.g. "Copy path". */
  label: string;
  /** What is copied, for screen readers: "path gateway.auth.token". */
  what: string;
  disabledReason?: string;
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

  const disabled = text === null;
  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        disabled={disabled}
        aria-label={`${label}: ${what}`}
        title={disabled ? disabledReason : `${label}: ${what}`}
        data-state={state}
        className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:text-zinc-300 dark:disabled:text-zinc-600 ${
          state === 'copied'
            ? 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
            : state === 'failed'
              ? 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300'
              : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white'
        } ${className}`}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </button>
      {/* Outside the button: a button's content is not announced as a live region. */}
      <span role="status" className="sr-only">
        {state === 'copied' ? `Copied ${what}` : state === 'failed' ? `Could not copy ${what}` : ''}
      </span>
    </>
  );
}
