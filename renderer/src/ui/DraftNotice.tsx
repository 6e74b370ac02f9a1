/** Says that a form came back with text typed earlier and not saved, and offers to throw it away. */
export function DraftNotice({ restoredAt, onDiscard, what = 'changes' }: { restoredAt: string | null; onDiscard: () => void; what?: string }) {
  if (!restoredAt) return null;
  const when = new Date(restoredAt);
  const time = Number.isNaN(when.getTime()) ? '' : ` (from ${when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })})`;
  return (
    <p className="notice draft-notice" role="status">
      Restored your unsaved {what}
      {time}.{' '}
      <button type="button" className="link-button" onClick={onDiscard}>
        Discard it
      </button>
    </p>
  );
}
