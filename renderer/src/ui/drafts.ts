import type { Table } from 'dexie';

/**
 * Unsaved text, kept on the device so nothing typed is ever lost.
 *
 * Every form keeps what the person has typed but not yet saved as a draft:
 * a `meta` row keyed `draft:<form>:<id>` (local only: meta is not synced).
 * A draft is written a moment after each change, and at once when the window
 * closes; when the form opens again its draft comes back. Saving or an
 * explicit Discard/Cancel drops it.
 *
 * The store keeps every draft in memory too (all of them are read when the
 * database opens), so a form can start from its draft synchronously, in its
 * first render. Until a database is attached (unit tests of a lone form) the
 * store keeps nothing and a form behaves as plain state.
 *
 * Fields that save in place (a ticket's description) also register a "leave"
 * callback: `leaveAll()` runs them before the window closes, so their text is
 * saved, not only drafted.
 */

export const DRAFT_PREFIX = 'draft:';
/** A synchronous copy of the drafts written while the window unloads (IndexedDB may not finish then); folded back into meta at the next start. */
export const DRAFT_MIRROR = 'fielddesk.drafts.unsaved';
const WRITE_DELAY_MS = 250;

export interface DraftRow<T = unknown> {
  value: T;
  savedAt: string;
}

export interface DraftDb {
  meta: Table<{ key: string; value: unknown }, string>;
}

export const draftKey = (form: string, id: string | null | undefined): string => `${DRAFT_PREFIX}${form}:${id ?? 'new'}`;

export class DraftStore {
  private db: DraftDb | null = null;
  private readonly cache = new Map<string, DraftRow>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly leaving = new Set<() => void>();
  private writing: Promise<void> = Promise.resolve();

  get attached(): boolean {
    return this.db !== null;
  }

  /** Read every draft of this database (and any the last window left in the mirror) into memory. */
  async attach(db: DraftDb): Promise<void> {
    this.db = db;
    this.cache.clear();
    this.dirty.clear();
    const rows = await db.meta.where('key').startsWith(DRAFT_PREFIX).toArray();
    for (const row of rows) if (isDraftRow(row.value)) this.cache.set(row.key, row.value);
    for (const [key, row] of readMirror()) {
      const have = this.cache.get(key);
      if (!have || have.savedAt <= row.savedAt) {
        this.cache.set(key, row);
        this.dirty.add(key);
      }
    }
    await this.flush();
    try {
      localStorage.removeItem(DRAFT_MIRROR);
    } catch {
      // No storage (a locked-down profile): the drafts are in meta already.
    }
  }

  /** Write what is pending, then keep nothing more (the database is closing). */
  async detach(db: DraftDb): Promise<void> {
    if (this.db !== db) return;
    await this.flush();
    this.db = null;
    this.cache.clear();
  }

  get<T>(key: string): DraftRow<T> | undefined {
    return this.cache.get(key) as DraftRow<T> | undefined;
  }

  keys(prefix = DRAFT_PREFIX): string[] {
    return [...this.cache.keys()].filter((k) => k.startsWith(prefix));
  }

  put(key: string, value: unknown): void {
    if (!this.db) return;
    this.cache.set(key, { value, savedAt: new Date().toISOString() });
    this.dirty.add(key);
    this.schedule();
  }

  drop(key: string): void {
    if (!this.db) return;
    if (!this.cache.delete(key)) return;
    this.dirty.add(key);
    this.schedule();
  }

  /** Write every pending change to meta now (in one transaction). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const db = this.db;
    if (!db || this.dirty.size === 0) return this.writing;
    const keys = [...this.dirty];
    this.dirty.clear();
    const puts = keys.flatMap((key) => (this.cache.has(key) ? [{ key, value: this.cache.get(key) }] : []));
    const drops = keys.filter((key) => !this.cache.has(key));
    this.writing = this.writing
      .then(() =>
        db.meta.db.transaction('rw', db.meta, async () => {
          if (puts.length) await db.meta.bulkPut(puts);
          if (drops.length) await db.meta.bulkDelete(drops);
        }),
      )
      .catch((e: unknown) => {
        // Kept in memory and tried again with the next change; the window's close path mirrors them too.
        for (const key of keys) this.dirty.add(key);
        console.warn('FieldDesk: could not keep a draft on the device; it stays in memory', e);
      });
    return this.writing;
  }

  /** Run before the window closes or the app quits: fields save themselves, drafts are mirrored synchronously and written. */
  onLeave(fn: () => void): () => void {
    this.leaving.add(fn);
    return () => this.leaving.delete(fn);
  }

  leaveAll(): void {
    for (const fn of [...this.leaving]) {
      try {
        fn();
      } catch (e) {
        console.warn('FieldDesk: saving a field before leaving failed; its draft is kept', e);
      }
    }
    if (!this.db) return;
    try {
      if (this.cache.size > 0) localStorage.setItem(DRAFT_MIRROR, JSON.stringify([...this.cache]));
      else localStorage.removeItem(DRAFT_MIRROR);
    } catch {
      // Storage full or unavailable: meta still gets the flush below.
    }
    void this.flush();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }
}

function isDraftRow(v: unknown): v is DraftRow {
  return typeof v === 'object' && v !== null && 'value' in v && typeof (v as DraftRow).savedAt === 'string';
}

function readMirror(): [string, DraftRow][] {
  try {
    const raw = localStorage.getItem(DRAFT_MIRROR);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is [string, DraftRow] => Array.isArray(e) && typeof e[0] === 'string' && e[0].startsWith(DRAFT_PREFIX) && isDraftRow(e[1]));
  } catch {
    return [];
  }
}

/** The app's one draft store. */
export const drafts = new DraftStore();

if (typeof window !== 'undefined') {
  // Closing the window (or quitting, which closes it) unloads the page: save and keep everything first.
  window.addEventListener('beforeunload', () => drafts.leaveAll());
  window.addEventListener('pagehide', () => drafts.leaveAll());
}
