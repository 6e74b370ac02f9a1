import { useCallback, useRef, useState } from 'react';

/**
 * Which record a panel's form edits: null (form closed), 'new', or an id.
 * Closing the form puts focus back on the panel's Add button, so a keyboard
 * user is not dropped at the top of the page.
 */
export function useEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement | null>(null);
  const close = useCallback(() => {
    setEditing(null);
    requestAnimationFrame(() => addRef.current?.focus());
  }, []);
  return { editing, open: setEditing, close, addRef };
}
