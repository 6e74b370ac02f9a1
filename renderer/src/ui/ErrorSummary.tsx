import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';

/** One refused field as the summary lists it: its message, and the control it links to. */
interface Item {
  message: string;
  targetId: string | null;
}

/** Counts refused submits, so the summary takes focus on each one (and never while the person types). */
export function useErrorSummary() {
  const [attempt, setAttempt] = useState(0);
  const failed = useCallback(() => setAttempt((a) => a + 1), []);
  return { attempt, failed };
}

const CONTROLS = 'input:not([type="hidden"]), select, textarea, [role="combobox"]';

/** The control a field message belongs to: the one it describes (aria-describedby), else the first in its field or group. */
function controlOf(message: HTMLElement, form: HTMLElement): HTMLElement | null {
  if (message.id) {
    for (const el of Array.from(form.querySelectorAll<HTMLElement>('[aria-describedby]'))) {
      if (el.getAttribute('aria-describedby')!.split(/\s+/).includes(message.id)) return el.matches(CONTROLS) ? el : el.querySelector<HTMLElement>(CONTROLS);
    }
  }
  return message.closest('.field, fieldset')?.querySelector<HTMLElement>(CONTROLS) ?? null;
}

/** The control's visible name: its label, else the group's legend. */
function nameOf(control: HTMLElement): string {
  const labelled = control as HTMLInputElement;
  const label = labelled.labels?.[0]?.textContent ?? control.getAttribute('aria-label') ?? control.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
  return label.trim();
}

/**
 * A refused form's summary, at the top of the form: an alert that lists each field's message as a link to the
 * field, and takes focus (scrolled into view) on every refused submit, so a person who pressed Save at the
 * bottom of a long form, or at 200% zoom, learns at once what went wrong and where (WCAG 3.3.1, 2.4.3).
 *
 * The messages are read from the form itself (the `.field-error` messages its fields show), so a form needs no
 * list of its fields: render this first in the form, and call `failed()` of `useErrorSummary` on a refusal.
 * `message` is the refusal's own message when it names no field ("the server refused…").
 */
export function ErrorSummary({ errors, attempt, message }: { errors: Record<string, string | undefined>; attempt: number; message?: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const [items, setItems] = useState<Item[]>([]);
  const fieldMessages = Object.entries(errors).filter(([k, v]) => k !== '_' && v);
  const general = message ?? errors._;
  const show = fieldMessages.length > 0 || Boolean(general);

  // Read the messages the fields show now, and give each field an id to link to. After every render: the messages
  // come from the form's fields, not from props; setItems bails out when nothing changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const box = ref.current;
    const form = box?.closest('form') ?? box?.parentElement;
    if (!box || !form) return setItems((now) => (now.length ? [] : now));
    const found: Item[] = [];
    Array.from(form.querySelectorAll<HTMLElement>('.field-error')).forEach((el, i) => {
      if (box.contains(el) || !el.textContent?.trim()) return;
      const control = controlOf(el, form);
      if (control && !control.id) control.id = `${id}-field-${i}`;
      const text = el.textContent.trim();
      const name = control ? nameOf(control) : '';
      found.push({ message: name && !text.toLowerCase().includes(name.toLowerCase()) ? `${name}: ${text}` : text, targetId: control?.id ?? null });
    });
    // Messages no field shows (a field this form does not have) are listed without a link.
    if (found.length === 0) for (const [, v] of fieldMessages) found.push({ message: v!, targetId: null });
    setItems((now) => (JSON.stringify(now) === JSON.stringify(found) ? now : found));
  });

  // Each refused submit: focus on the summary, in view.
  const focused = useRef(0);
  useEffect(() => {
    if (attempt === focused.current || !ref.current) return;
    focused.current = attempt;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView?.({ block: 'start' });
  }, [attempt, show]);

  if (!show) return null;
  const go = (targetId: string) => (e: MouseEvent) => {
    e.preventDefault();
    const target = document.getElementById(targetId);
    target?.focus({ preventScroll: true });
    target?.scrollIntoView?.({ block: 'center' });
  };
  const count = items.length;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${id}-title`}>
      <p className="error-summary-title" id={`${id}-title`}>
        {count > 0 ? `Nothing was saved: ${count === 1 ? 'check this field' : `check these ${count} fields`}` : 'Nothing was saved'}
      </p>
      {general ? <p className="error-summary-message">{general}</p> : null}
      {count > 0 ? (
        <ul>
          {items.map((item, i) =>
            item.targetId ? (
              <li key={i}>
                <a href={`#${item.targetId}`} onClick={go(item.targetId)}>
                  {item.message}
                </a>
              </li>
            ) : (
              <li key={i}>{item.message}</li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  );
}
