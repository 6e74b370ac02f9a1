import { useEffect, useRef, useState } from 'react';
import { checkViewName } from '../../../../../shared/tickets/view-names';
import type { SavedView } from '../../../../../shared/tickets/views';
import { useUi } from '../../../app/ui-store';
import type { SavedViewsRepository } from '../../../data/repositories/tickets/saved-views';
import { useTicketsUi } from '../store';
import { ViewNameDialog } from './ViewNameDialog';

/**
 * "Save view…" for the filter and sort on screen and, while one of the
 * person's own views is chosen, "Rename view…" and "Delete view". A delete
 * happens at once and offers Undo (focused, so Enter takes it back) rather
 * than asking first.
 */
export function SavedViewActions({ views, repo }: { views: SavedView[]; repo: SavedViewsRepository }) {
  const { viewId, chooseView, forgetView } = useTicketsUi();
  const announce = useUi((s) => s.announce);
  const [dialog, setDialog] = useState<'save' | 'rename' | null>(null);
  const [deleted, setDeleted] = useState<SavedView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const active = views.find((v) => v.id === viewId);

  useEffect(() => {
    if (deleted) undoRef.current?.focus();
  }, [deleted]);

  const check = (selfId?: string) => (name: string) => {
    const res = checkViewName(name, views, selfId);
    return res.ok ? null : res.error.message;
  };

  const open = (which: 'save' | 'rename') => {
    setDeleted(null);
    setProblem(null);
    setDialog(which);
  };

  const remove = async (view: SavedView) => {
    const res = await repo.remove(view.id);
    if (!res.ok) return setProblem(res.error.message);
    forgetView(view.id);
    setProblem(null);
    setDeleted(res.value);
    announce(`Deleted the view “${view.name}”.`);
  };

  const undo = async (view: SavedView) => {
    const res = await repo.restore(view);
    if (!res.ok) return setProblem(res.error.message);
    setDeleted(null);
    chooseView(res.value);
    announce(`Restored the view “${view.name}”.`);
    saveRef.current?.focus();
  };

  return (
    <div className="view-actions">
      <button type="button" ref={saveRef} onClick={() => open('save')}>
        Save view…
      </button>
      {active ? (
        <>
          <button type="button" onClick={() => open('rename')}>
            Rename view…
          </button>
          <button type="button" className="danger" onClick={() => void remove(active)}>
            Delete view
          </button>
        </>
      ) : null}
      {deleted ? (
        <p className="view-undo">
          Deleted “{deleted.name}”.{' '}
          <button type="button" ref={undoRef} onClick={() => void undo(deleted)}>
            Undo
          </button>{' '}
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => setDeleted(null)}>
            ×
          </button>
        </p>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {dialog === 'save' ? (
        <ViewNameDialog
          title="Save view"
          submitLabel="Save view"
          initialName=""
          check={check()}
          onSubmit={async (name) => {
            // The filter and sort on screen now, not as they were when the dialog opened (a search may have settled since).
            const { filter, sort } = useTicketsUi.getState();
            const res = await repo.save({ name, filter, sort });
            if (res.ok) {
              chooseView(res.value);
              announce(`Saved the view “${res.value.name}”.`);
            }
            return res;
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'rename' && active ? (
        <ViewNameDialog
          title={`Rename “${active.name}”`}
          submitLabel="Rename"
          initialName={active.name}
          check={check(active.id)}
          onSubmit={async (name) => {
            const res = await repo.rename(active.id, name);
            if (res.ok) announce(`Renamed the view to “${res.value.name}”.`);
            return res;
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
