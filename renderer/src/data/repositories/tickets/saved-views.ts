import type { z } from 'zod';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import { err, ok, type Result } from '../../../../../shared/result';
import { checkViewName } from '../../../../../shared/tickets/view-names';
import { SavedViewSchema, type SavedView } from '../../../../../shared/tickets/views';
import { parseWith } from '../../../../../shared/validation';
import type { FieldDeskDb } from '../../db';

/**
 * The ticket-list views a person saves (a name, a filter and a sort). They
 * describe how one person works on one device, like the profile, so they live
 * in `meta` and do not sync: one row per view, keyed `savedView:<id>`, which
 * needs no new store (no schema version) and lists in creation order, as ids
 * are UUIDv7. Backups copy every store, meta included, so a restore brings
 * them back.
 *
 * This is the only writer. Every write is checked against the name rules
 * (shared/tickets/view-names.ts) and parsed with SavedViewSchema in the same
 * transaction as the read of the other views, so two windows cannot both
 * save one name; a refused write writes nothing.
 */

export const SAVED_VIEW_PREFIX = 'savedView:';
/** Each view is a button on the list: beyond this many, it is no longer a short list to choose from. */
export const MAX_SAVED_VIEWS = 50;

export type SavedViewInput = Omit<z.input<typeof SavedViewSchema>, 'id'>;

const keyOf = (id: string) => `${SAVED_VIEW_PREFIX}${id}`;
const notFound = () => err('not_found', 'That view no longer exists; it may have been deleted in another window.');
const full = () => err('conflict', `This device keeps at most ${MAX_SAVED_VIEWS} saved views; delete one you no longer use first.`);

export function savedViewsRepository(db: FieldDeskDb, { newId = () => uuidv7() }: { newId?: () => string } = {}) {
  /** The saved views, oldest first. A row that does not parse (damaged, or from a newer version) is skipped, not shown half-read. */
  async function list(): Promise<SavedView[]> {
    const rows = await db.meta.where('key').startsWith(SAVED_VIEW_PREFIX).toArray();
    return rows.flatMap((row) => {
      const parsed = SavedViewSchema.safeParse(row.value);
      return parsed.success && row.key === keyOf(parsed.data.id) ? [parsed.data] : [];
    });
  }

  /**
   * The shape of every write: in one transaction, read the views, let `build`
   * make the view `id` from its current row (or refuse), check the name
   * against the others, parse it with the schema and put it.
   */
  function write(id: string, build: (current: SavedView | undefined, views: SavedView[]) => Result<SavedViewInput>): Promise<Result<SavedView>> {
    return db.transaction('rw', db.meta, async () => {
      const views = await list();
      const draft = build(views.find((v) => v.id === id), views);
      if (!draft.ok) return draft;
      const named = checkViewName(draft.value.name, views, id);
      if (!named.ok) return named;
      const parsed = parseWith(SavedViewSchema, { ...draft.value, id, name: named.value }, 'view');
      if (!parsed.ok) return parsed;
      // The schema trims ids: an id it changed would name another row than the one looked up above.
      if (parsed.value.id !== id) return err('invalid_request', 'Invalid view: its id is not a view id', { id: 'Not a view id' });
      await db.meta.put({ key: keyOf(id), value: parsed.value });
      return parsed;
    });
  }

  return {
    list,

    /** Save a filter and sort under a new name. */
    save(input: SavedViewInput): Promise<Result<SavedView>> {
      return write(newId(), (_, views) => (views.length >= MAX_SAVED_VIEWS ? full() : ok(input)));
    },

    /** Keep the view's name, give it the filter and sort now on screen. */
    update(id: string, change: Pick<SavedViewInput, 'filter' | 'sort'>): Promise<Result<SavedView>> {
      return write(id, (current) => (current ? ok({ ...current, filter: change.filter, sort: change.sort }) : notFound()));
    },

    rename(id: string, name: string): Promise<Result<SavedView>> {
      return write(id, (current) => (current ? ok({ ...current, name }) : notFound()));
    },

    /** Delete a view; the answer is the deleted view, which `restore` puts back (undo). */
    async remove(id: string): Promise<Result<SavedView>> {
      return db.transaction('rw', db.meta, async () => {
        const view = (await list()).find((v) => v.id === id);
        if (!view) return notFound();
        // One key, never a range: a range delete of meta would also reset the search-word blocks' mark (word-blocks.ts).
        await db.meta.delete(keyOf(id));
        return ok(view);
      });
    },

    /** Undo a delete: the view comes back with its id (so in its place), unless its name was taken meanwhile. */
    restore(view: SavedView): Promise<Result<SavedView>> {
      return write(view.id, (current, views) => (current ? err('conflict', `The view “${current.name}” is already there.`) : views.length >= MAX_SAVED_VIEWS ? full() : ok(view)));
    },
  };
}
export type SavedViewsRepository = ReturnType<typeof savedViewsRepository>;
