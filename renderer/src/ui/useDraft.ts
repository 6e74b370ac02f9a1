import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DRAFT_PREFIX, draftKey, drafts } from './drafts';

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface Draft<T extends object> {
  values: T;
  /** Change some fields (or all, with a function of the current values). */
  set(patch: Partial<T> | ((v: T) => T)): void;
  /** `[value, setter]` of one field, for forms written with one state per field. */
  field<K extends keyof T>(k: K): [T[K], (v: T[K]) => void];
  /** When the form opened with a draft left from before: its time, for the notice. */
  restoredAt: string | null;
  /**
   * The values on screen now, to save: take it when the save starts (before any await) and give it to
   * `done(snapshot)` when the save succeeds.
   */
  saving(): T;
  /**
   * The form was saved: the draft is no longer needed. Given the values that were saved, a form typed into
   * while the save was under way keeps what was typed since as its draft (nothing typed is lost) and
   * `done` returns false; it returns true when the draft was dropped. `reset` (a form that clears itself for
   * the next entry once saved) goes back to the starting values; a field typed into meanwhile keeps what
   * was typed (and the form stays a draft), the others start again.
   * Without `saved` the draft is dropped whatever the form holds: only for a reason other than a save.
   */
  done(saved?: T, opts?: { reset?: boolean }): boolean;
  /**
   * Save what the form holds: `run` gets a snapshot of the values (taken now, before any await) and its
   * outcome (true/false or a Result) is returned; when it succeeded, `done(snapshot, opts)` is called, so text
   * typed while it ran stays a draft.
   */
  save<R extends boolean | { ok: boolean }>(run: (values: T) => Promise<R>, opts?: { reset?: boolean }): Promise<R>;
  /** The person chose to throw the text away (Cancel, Discard): back to the starting values. */
  discard(): void;
}

/**
 * A form's values, kept as a draft (`draft:<form>:<id>` in meta) while they
 * differ from where the form started, and restored when the form opens again.
 * `key` null keeps nothing (a form with no identity yet).
 */
export function useDraft<T extends object>(key: string | null, initial: T): Draft<T> {
  const [state, setState] = useState(() => {
    const stored = key ? drafts.get<T>(key) : undefined;
    return { values: stored ? { ...initial, ...stored.value } : initial, restoredAt: stored && !same({ ...initial, ...stored.value }, initial) ? stored.savedAt : null };
  });
  const initialRef = useRef(initial);
  const keyRef = useRef(key);
  const changed = useRef(false);
  const valuesRef = useRef(state.values);
  // As the values commit (not later, with the passive effects): a save finishing right after a change compares with it.
  useLayoutEffect(() => {
    initialRef.current = initial;
    keyRef.current = key;
    valuesRef.current = state.values;
  });

  // After every change of the values: keep them, or drop the draft once they are back where they started.
  useEffect(() => {
    const k = keyRef.current;
    if (!k || !changed.current) return;
    if (same(state.values, initialRef.current)) drafts.drop(k);
    else drafts.put(k, state.values);
  }, [state.values]);

  const set = useCallback((patch: Partial<T> | ((v: T) => T)) => {
    changed.current = true;
    setState((s) => ({ ...s, values: typeof patch === 'function' ? patch(s.values) : { ...s.values, ...patch } }));
  }, []);
  const saving = useCallback(() => valuesRef.current, []);
  const done = useCallback((saved?: T, opts?: { reset?: boolean }) => {
    if (saved !== undefined && !same(valuesRef.current, saved)) {
      // Typed into while saving: what is on screen stays a draft.
      if (!opts?.reset) {
        setState((s) => ({ ...s, restoredAt: null }));
        return false;
      }
      // A form that clears itself: the fields saved and not touched since go back to where they started;
      // the ones typed into meanwhile keep what was typed (the next entry, begun before this one was in).
      const now = valuesRef.current as Record<string, unknown>;
      const was = saved as Record<string, unknown>;
      const start = initialRef.current as Record<string, unknown>;
      const next = Object.fromEntries(Object.keys({ ...start, ...now }).map((k) => [k, same(now[k], was[k]) ? start[k] : now[k]])) as T;
      valuesRef.current = next;
      setState({ values: next, restoredAt: null });
      return false;
    }
    changed.current = false;
    if (keyRef.current) drafts.drop(keyRef.current);
    if (opts?.reset) {
      valuesRef.current = initialRef.current;
      setState({ values: initialRef.current, restoredAt: null });
    } else setState((s) => ({ ...s, restoredAt: null }));
    return true;
  }, []);
  const save = useCallback(
    async <R extends boolean | { ok: boolean }>(run: (values: T) => Promise<R>, opts?: { reset?: boolean }): Promise<R> => {
      const snapshot = valuesRef.current;
      const out = await run(snapshot);
      if (typeof out === 'boolean' ? out : out.ok) done(snapshot, opts);
      return out;
    },
    [done],
  );
  const discard = useCallback(() => {
    changed.current = false;
    if (keyRef.current) drafts.drop(keyRef.current);
    setState({ values: initialRef.current, restoredAt: null });
  }, []);
  const field = <K extends keyof T>(k: K): [T[K], (v: T[K]) => void] => [state.values[k], (v: T[K]) => set({ [k]: v } as unknown as Partial<T>)];
  return { values: state.values, set, field, restoredAt: state.restoredAt, saving, done, save, discard };
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

export interface SavedOnLeave {
  value: string;
  onChange(e: { target: { value: string } }): void;
  onBlur(): void;
  /** Save now (Enter in a one-line field). */
  commit(): Promise<void>;
  error: string;
  status: 'saved' | 'editing' | 'saving' | 'failed';
  restoredAt: string | null;
}

/**
 * A text field edited in place: it saves when the person leaves it (blur),
 * when the form goes away (another screen, another ticket) and before the
 * window closes. Until the save succeeds the text is also a draft, so a
 * refused save (the message shows beside the field) or a crash loses nothing.
 */
export function useSaveOnLeave({ key, saved, save, disabled = false }: { key: string; saved: string; save: (text: string) => Promise<SaveOutcome>; disabled?: boolean }): SavedOnLeave {
  const [state, setState] = useState(() => {
    const stored = drafts.get<string>(key);
    const restored = stored && typeof stored.value === 'string' && stored.value !== saved ? stored : undefined;
    return { value: restored ? restored.value : saved, restoredAt: restored?.savedAt ?? null, error: '', saving: false };
  });
  // The saved value as last seen, so a change made elsewhere (another device, a sync) shows when nothing is being typed here.
  const [seen, setSeen] = useState(saved);
  if (seen !== saved) {
    setSeen(saved);
    if (state.value === seen) setState((s) => ({ ...s, value: saved }));
  }
  // lastSaved: what this field saved, until the live record shows it (or something newer) as `saved`.
  const live = useRef({ key, value: state.value, saved, save, disabled, committing: null as string | null, lastSaved: null as string | null });
  useEffect(() => {
    const lastSaved = saved === live.current.saved ? live.current.lastSaved : null;
    live.current = { ...live.current, key, value: state.value, saved, save, disabled, lastSaved };
  });

  const commit = useCallback(async () => {
    const cur = live.current;
    const text = cur.value;
    if (cur.disabled || text === (cur.lastSaved ?? cur.saved) || text === cur.committing) return;
    cur.committing = text;
    setState((s) => ({ ...s, saving: true }));
    const out = await cur.save(text).catch((e: unknown): SaveOutcome => ({ ok: false, message: e instanceof Error ? e.message : String(e) }));
    live.current.committing = null;
    if (out.ok) {
      // Typed on while it saved: the newer text stays a draft until it is saved too.
      if (live.current.value === text) drafts.drop(cur.key);
      live.current.lastSaved = text;
      setState((s) => ({ ...s, saving: false, error: '', restoredAt: null }));
    } else {
      setState((s) => ({ ...s, saving: false, error: out.message }));
    }
  }, []);

  // Leaving the screen unmounts the field: save what it holds. Closing the window: the store calls in.
  useEffect(() => {
    const off = drafts.onLeave(() => void commit());
    return () => {
      off();
      void commit();
    };
  }, [commit]);

  return {
    value: state.value,
    onChange: (e) => {
      const value = e.target.value;
      live.current.value = value;
      setState((s) => ({ ...s, value }));
      if (value === (live.current.lastSaved ?? live.current.saved)) drafts.drop(key);
      else drafts.put(key, value);
    },
    onBlur: () => void commit(),
    commit,
    error: state.error,
    status: state.saving ? 'saving' : state.error ? 'failed' : state.value !== saved ? 'editing' : 'saved',
    restoredAt: state.restoredAt,
  };
}

/** The key of one field of a form kept field by field: `draft:<form>:<id>:<field>`. */
export const fieldDraftKey = (form: string, id: string | null | undefined, field: string): string => `${draftKey(form, id)}:${field}`;

/**
 * useState for one field of a form, kept as a draft like useDraft (a drop-in
 * for forms written with one state per field). `dropFormDrafts(form, id)`
 * drops every field's draft once the form is saved or cancelled.
 */
export function useDraftState<T>(form: string, id: string | null | undefined, field: string, initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void] {
  const [start] = useState(initial);
  const draft = useDraft(fieldDraftKey(form, id, field), { v: start });
  const { set } = draft;
  const setField = useCallback((next: T | ((prev: T) => T)) => set((d) => ({ v: typeof next === 'function' ? (next as (prev: T) => T)(d.v) : next })), [set]);
  return [draft.values.v, setField];
}

/** Drop the drafts of one form (all its fields): it was saved, or the person cancelled it. */
export function dropFormDrafts(form: string, id: string | null | undefined): void {
  const prefix = `${draftKey(form, id)}:`;
  for (const key of drafts.keys(prefix)) drafts.drop(key);
  drafts.drop(draftKey(form, id));
}

/** The id ('new' or a record's) of a form of this kind left with a draft, to open it again. */
export function draftedFormId(form: string): string | null {
  const prefix = `${DRAFT_PREFIX}${form}:`;
  const key = drafts.keys(prefix)[0];
  return key ? (key.slice(prefix.length).split(':')[0] ?? null) : null;
}
