import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Which record a panel's form edits: null (form closed), 'new', or an id.
 * Closing the form puts focus back on the panel's Add button once it is
 * rendered again, so a keyboard user is not dropped at the top of the page.
 */
export function useEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  const [refocus, setRefocus] = useState(0);
  const addRef = useRef<HTMLButtonElement | null>(null);
  const close = useCallback(() => {
    setEditing(null);
    setRefocus((n) => n + 1);
  }, []);
  useEffect(() => {
    if (refocus > 0) addRef.current?.focus();
  }, [refocus]);
  return { editing, open: setEditing, close, addRef };
}
