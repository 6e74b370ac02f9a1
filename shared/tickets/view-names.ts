import { err, ok, type Result } from '../result';
import { LIST_VIEWS } from './views';

/**
 * Name rules of the views a person saves on the ticket list. The name is all
 * that tells views apart on the list and in the command palette, so no two
 * may share one: names are compared tidied (trimmed, runs of white space as
 * one space) and without regard to case, and the built-in views' names are
 * taken. A name is a button label, so it is kept short.
 */

export const VIEW_NAME_MAX = 60;

export interface NamedView {
  id: string;
  name: string;
}

/** The name as stored: line breaks and runs of white space become one space, trimmed, NFC (as typed on any device). */
export function tidyViewName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** The form in which two names are compared. */
export const viewNameKey = (name: string): string => tidyViewName(name).toLowerCase();

const refuse = (code: 'invalid_request' | 'conflict', message: string) => err(code, message, { name: message });

/**
 * Check a new name for a saved view against the built-in views and `saved`
 * (the person's views). `selfId` is the view being renamed: it may keep its
 * own name in another case. Gives the tidied name, or a message for the field.
 */
export function checkViewName(name: unknown, saved: readonly NamedView[], selfId?: string): Result<string> {
  const tidy = typeof name === 'string' ? tidyViewName(name) : '';
  if (tidy === '') return refuse('invalid_request', 'View name is required');
  if (tidy.length > VIEW_NAME_MAX) return refuse('invalid_request', `View name is too long: ${tidy.length.toLocaleString('en-US')} characters, the limit is ${VIEW_NAME_MAX}`);
  const key = tidy.toLowerCase();
  // Only a saved view can be the one renamed: the built-in names stay taken whatever id is passed.
  const same = LIST_VIEWS.find((v) => viewNameKey(v.name) === key) ?? saved.find((v) => v.id !== selfId && viewNameKey(v.name) === key);
  if (same) return refuse('conflict', `There is already a view named “${same.name}”; choose another name`);
  return ok(tidy);
}
