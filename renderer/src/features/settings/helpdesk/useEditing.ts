import { useCallback, useEffect, useRef, useState } from 'react';
import { draftedFormId, dropFormDrafts } from '../../../ui/useDraft';

/**
 * Which record a panel's form edits: null (form closed), 'new', or an id.
 * Closing the form puts focus back on the panel's Add button once it is
 * rendered again, so a keyboard user is not dropped at the top of the page.
 * With `draftForm`, a form left with unsaved text (a draft, ui/useDraft.ts)
 * is open again when the panel is, and closing it (saved or cancelled) drops
 * the draft.
 */
export function useEditing(draftForm?: string) {
  const [editing, setEditing] = useState<string | null>(() => (draftForm ? draftedFormId(draftForm) : null));
  const [refocus, setRefocus] = useState(0);
  const addRef = useRef<HTMLButtonElement | null>(null);
  const open = useRef(editing);
  useEffect(() => {
    open.current = editing;
  }, [editing]);
  const close = useCallback(() => {
    if (draftForm && open.current) dropFormDrafts(draftForm, open.current);
    setEditing(null);
    setRefocus((n) => n + 1);
  }, [draftForm]);
  useEffect(() => {
    if (refocus > 0) addRef.current?.focus();
  }, [refocus]);
  return { editing, open: setEditing, close, addRef };
}
