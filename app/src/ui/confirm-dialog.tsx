import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

/**
 * A modal confirmation on the native <dialog>: the browser traps focus and makes the page inert.
 * Esc or Cancel closes it, focus starts on Cancel (the safe choice) and returns to whatever opened it.
 * While `pending`, it stays open: the outcome (or the error, kept in place) shows here.
 * Render it conditionally, or keep it mounted and drive `open`.
 */
export function ConfirmDialog({
  open = true,
  title,
  children,
  confirmLabel,
  pendingLabel = 'Working…',
  pending = false,
  confirmDisabled = false,
  error,
  onConfirm,
  onCancel,
}: {
  open?: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending?: boolean;
  /** The choice made in the dialog cannot be sent as it is (the error says why). */
  confirmDisabled?: boolean;
  /** A message (shown as an alert) or a ready-made alert element. */
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    cancelRef.current?.focus();
    return () => {
      if (d.open) {
        if (typeof d.close === 'function') d.close();
        else d.removeAttribute('open');
      }
      opener?.focus();
    };
  }, [open]);

  const cancel = () => {
    if (!pending) onCancel();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Esc: the browser fires `cancel`; handle it here so the parent's state stays the one truth.
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        cancel();
      }}
      onMouseDown={(e) => e.target === e.currentTarget && cancel()}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open && (
        <>
          <h2 id={titleId} className="border-b border-zinc-200 px-5 py-3 text-base font-semibold dark:border-zinc-800">
            {title}
          </h2>
          <div id={bodyId} className="space-y-3 px-5 py-4 text-sm text-zinc-700 dark:text-zinc-300">
            {children}
          </div>
          {typeof error === 'string' ? (
            <p
              role="alert"
              className="mx-5 mb-3 break-words rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              {error}
            </p>
          ) : (
            error && <div className="mx-5 mb-3">{error}</div>
          )}
          <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
            <Button ref={cancelRef} onClick={cancel} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={onConfirm} disabled={pending || confirmDisabled}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
