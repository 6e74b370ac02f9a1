/**
 * When may a key without a modifier (j, k, x, c, /, Enter, Esc) act as a
 * command? Never while the person is in a form: typing a title must not jump
 * to another screen (WCAG 2.1.4/2.1.1). "In a form" also covers the moment
 * right after a form control went away (a picked requester replaces its input
 * and focus falls to the page) or a dialog closed: focus is on the page, but
 * the person is still filling the form. That ends when they click or move
 * focus onto something that is not part of a form.
 */

const EDITABLE_INPUT_TYPES_NOT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file']);
const FORM_CONTEXT = 'form, [role="combobox"], [role="listbox"], [role="menu"], fieldset';
const DIALOG = 'dialog, [role="dialog"]';
const ENTRY = 'input, textarea, select, form, [contenteditable="true"]';

/** Keys typed here are text, not commands. */
export function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !EDITABLE_INPUT_TYPES_NOT.has(target.type);
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

/** A form's control, or anything inside a form, a dialog or a picker. */
export function inFormContext(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (isEditable(target) || target.closest(FORM_CONTEXT) !== null) return true;
  // A dialog that asks for something (a name, a choice) is a form; one that only shows progress is not.
  return target.closest(DIALOG)?.querySelector(ENTRY) != null;
}

/** Something you can act on (a button, a link, a control): Esc there closes nothing and leaves nothing. */
export function isControl(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('button, a[href], input, select, textarea, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="option"], [role="checkbox"], [contenteditable="true"]') !== null;
}

// Was the last element to take focus part of a form? Kept when focus then falls to the page
// (a removed control may not even report focusout), cleared by focus or a click elsewhere.
let lastFocusInForm = false;

if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (e) => (lastFocusInForm = inFormContext(e.target)), true);
  document.addEventListener('pointerdown', (e) => !inFormContext(e.target) && (lastFocusInForm = false), true);
}

/** Focus fell to the page from a form (and the person has not gone anywhere else since). */
export function focusJustLeftForm(): boolean {
  if (typeof document === 'undefined') return false;
  const active = document.activeElement;
  const onPage = active === null || active === document.body || active === document.documentElement;
  return onPage && lastFocusInForm;
}

/** May this key press run a one-letter (no modifier) shortcut of a screen? */
export function letterShortcutAllowed(e: Pick<KeyboardEvent, 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'>): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return false;
  if (typeof document !== 'undefined' && document.querySelector('dialog[open], [aria-modal="true"]')) return false;
  if (inFormContext(e.target) || inFormContext(document.activeElement)) return false;
  return !focusJustLeftForm();
}

/** Take focus off a field without dropping it on the page: onto the screen's main region, which ends the form's turn. */
export function leaveField(el: HTMLElement | null): void {
  const main = document.getElementById('main') ?? el?.closest<HTMLElement>('main');
  if (main) {
    if (!main.hasAttribute('tabindex')) main.tabIndex = -1;
    main.focus({ preventScroll: true });
  } else el?.blur();
}

/** For tests: forget what focus did before. */
export function resetKeyGuard(): void {
  lastFocusInForm = false;
}
