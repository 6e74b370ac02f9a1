import { useEffect, useRef, useState } from 'react';
import { checkViewName } from '../../../../../shared/tickets/view-names';
import { sameListing, type SavedView } from '../../../../../shared/tickets/views';
import { useUi } from '../../../app/ui-store';
import type { SavedViewsRepository } from '../../../data/repositories/tickets/saved-views';
import { useTicketsUi } from '../store';
import { ViewNameDialog } from './ViewNameDialog';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { draftKey } from '../../../ui/drafts';

/**
 * "Save view…" for the filter and sort on screen; "Update ‹view›" once the
 * filter or sort of one of the person's own views has been changed; and,
 * while one of them is chosen, "Rename view…" and "Delete view". A delete
 * happens at once and offers Undo (focused, so Enter takes it back) rather
 * than asking first.
 */
export function SavedViewActions({ views, repo }: { views: SavedView[]; repo: SavedViewsRepository }) {
  const { viewId, basedOn, filter, sort, saveViewAsked, chooseView, forgetView } = useTicketsUi();
  const announce = useUi((s) => s.announce);
  const [dialog, setDialog] = useState<'save' | 'rename' | null>(null);
  const [deleted, setDeleted] = useState<SavedView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const active = views.find((v) => v.id === viewId);
  // One of the person's views, whose filter or sort has been changed on screen since it was chosen.
  const changed = views.find((v) => v.id === basedOn && !sameListing(v, { filter, sort }));

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

  // "Save view…" from the command palette: opened here, where the dialog lives.
  const asked = useRef(saveViewAsked);
  useEffect(() => {
    if (saveViewAsked === asked.current) return;
    asked.current = saveViewAsked;
    open('save');
  }, [saveViewAsked]);

  const remove = async (view: SavedView) => {
    const res = await repo.remove(view.id);
    if (!res.ok) return setProblem(res.error.message);
    forgetView(view.id);
    setProblem(null);
    setDeleted(res.value);
    announce(`Deleted the view “${view.name}”.`);
  };

  const update = async (view: SavedView) => {
    const res = await repo.update(view.id, { filter, sort });
    if (!res.ok) return setProblem(res.error.message);
    setProblem(null);
    chooseView(res.value);
    announce(`Updated the view “${view.name}” with this filter and sort.`);
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
      {changed ? (
        <button type="button" onClick={() => void update(changed)}>
          Update “{changed.name}”
        </button>
      ) : null}
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
      <ErrorBoundary key={dialog ?? 'none'} name={dialog === 'rename' ? 'Rename view' : 'Save view'}>
        {dialog === 'save' ? (
          <ViewNameDialog
            title="Save view"
            submitLabel="Save view"
            initialName=""
            draftKey={draftKey('tickets.view-name', 'new')}
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
            draftKey={draftKey('tickets.view-name', active.id)}
            check={check(active.id)}
            onSubmit={async (name) => {
              const res = await repo.rename(active.id, name);
              if (res.ok) announce(`Renamed the view to “${res.value.name}”.`);
              return res;
            }}
            onClose={() => setDialog(null)}
          />
        ) : null}
      </ErrorBoundary>
    </div>
  );
}
