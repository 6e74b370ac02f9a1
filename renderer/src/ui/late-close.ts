import type { SyntheticEvent } from 'react';

/**
 * A <dialog>'s `close` event arrives a task after it closed. If the dialog was
 * opened again in between (a shortcut pressed right after it closed), that
 * late event must not close the new one: call `onClose` only while the dialog
 * is still closed.
 */
export const onCloseUnlessReopened =
  (onClose: () => void) =>
  (e: SyntheticEvent<HTMLDialogElement>): void => {
    if (!e.currentTarget.open) onClose();
  };
