import { useEffect, useId, useRef } from 'react';

export interface Progress {
  done: number;
  total: number | null;
  label: string;
}

/**
 * Long work shows a real progress bar and a Cancel button; Escape cancels too.
 * A modal <dialog>, so focus stays on it and returns where it was.
 */
export function ProgressDialog({ title, progress, onCancel }: { title: string; progress: Progress | null; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several screens keep one mounted: ids must stay unique on the page.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (progress && !dialog.open) dialog.showModal();
    if (!progress && dialog.open) dialog.close();
  }, [progress]);
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <dialog
      ref={ref}
      className="progress-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <progress max={100} value={pct ?? undefined} aria-label={`${title} progress`} />
      <p role="status" aria-live="polite">
        {progress?.label}
        {pct !== null ? ` (${pct}%)` : ''}
      </p>
      <button type="button" onClick={onCancel} autoFocus>
        Cancel
      </button>
    </dialog>
  );
}
