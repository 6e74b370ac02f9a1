import { useState, type KeyboardEvent } from 'react';
import type { Result } from '../../../../../shared/result';
import { CHANNELS, LABELS, LEVELS, TICKET_TYPES } from '../../../../../shared/tickets/enums';
import type { Ticket, TicketPatchInput } from '../../../../../shared/tickets/schema';
import { draftKey } from '../../../ui/drafts';
import { Field } from '../../../ui/Field';
import { useSaveOnLeave, type SavedOnLeave, type SaveOutcome } from '../../../ui/useDraft';
import { SelectField, TextAreaField } from '../fields';
import type { Desk } from '../useDesk';

/**
 * The ticket's fields, edited in place: a select saves when it changes, text
 * saves on Enter, when it loses focus, when the ticket is left and before the
 * window closes (useSaveOnLeave); until it is saved it is kept as a draft.
 * The repository's message appears beside the field; nothing is written.
 */
export function FieldsPanel({ desk, ticket, readOnly }: { desk: Desk; ticket: Ticket; readOnly: boolean }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { catalog } = desk;
  const save = async (patch: TicketPatchInput): Promise<Result<unknown> | null> => {
    const res = await desk.repos.tickets.edit(ticket.id, patch);
    const key = Object.keys(patch)[0]!;
    if (!res.ok && res.error.message !== 'Nothing changed.') {
      setErrors({ ...errors, [key]: res.error.fields?.[key] ?? res.error.fields?.[`${key}.0`] ?? res.error.message });
      return res;
    }
    const { [key]: _gone, ...rest } = errors;
    setErrors(rest);
    return res;
  };
  const select = (key: keyof TicketPatchInput, label: string, value: string, options: { value: string; label: string }[], nullable = true) => (
    <SelectField label={label} value={value} disabled={readOnly} error={errors[key]} onChange={(e) => void save({ [key]: e.target.value === '' && nullable ? null : e.target.value })}>
      {nullable ? <option value="">—</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  // Text fields save when the person leaves them (or the screen, or the window); until then what is typed is a draft.
  const saveText = (key: 'category' | 'tags' | 'description', toPatch: (text: string) => TicketPatchInput) => async (value: string): Promise<SaveOutcome> => {
    const res = await desk.repos.tickets.edit(ticket.id, toPatch(value));
    if (res.ok || res.error.message === 'Nothing changed.') return { ok: true };
    return { ok: false, message: res.error.fields?.[key] ?? res.error.fields?.[`${key}.0`] ?? res.error.message };
  };
  const splitTags = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
  const category = useSaveOnLeave({ key: draftKey('ticket.category', ticket.id), saved: ticket.category, save: saveText('category', (category) => ({ category })), disabled: readOnly });
  const tags = useSaveOnLeave({ key: draftKey('ticket.tags', ticket.id), saved: ticket.tags.join(', '), save: saveText('tags', (v) => ({ tags: splitTags(v) })), disabled: readOnly });
  const description = useSaveOnLeave({ key: draftKey('ticket.description', ticket.id), saved: ticket.description, save: saveText('description', (description) => ({ description })), disabled: readOnly });
  const oneLine = (f: SavedOnLeave) => ({ value: f.value, onChange: f.onChange, onBlur: f.onBlur, error: f.error || undefined, onKeyDown: (e: KeyboardEvent) => e.key === 'Enter' && void f.commit() });
  const text = { category: oneLine(category), tags: oneLine(tags), description: { value: description.value, onChange: description.onChange, onBlur: description.onBlur, error: description.error || errors.description } };
  // Every id that is the user (the account's person, this device's stand-in) reads as them, marked "(me)".
  const mine = new Set(desk.actor ? (desk.actor.ids ?? [desk.actor.id]) : []);
  const me = desk.actor ? `${desk.actor.name} (me)` : '';
  const staff = catalog.staff.map((p) => ({ value: p.id, label: mine.has(p.id) ? me : p.name }));
  if (desk.actor && !staff.some((s) => s.value === desk.actor!.id)) staff.unshift({ value: desk.actor.id, label: me });
  if (ticket.assigneeId && !staff.some((s) => s.value === ticket.assigneeId)) staff.push({ value: ticket.assigneeId, label: mine.has(ticket.assigneeId) ? me : 'Someone not in the directory' });

  return (
    <section className="panel" aria-label="Details">
      <h2>Details</h2>
      <div className="form-grid">
        {select('type', 'Type', ticket.type, TICKET_TYPES.map((t) => ({ value: t, label: LABELS.type[t] })), false)}
        {select('channel', 'Channel', ticket.channel, CHANNELS.map((c) => ({ value: c, label: LABELS.channel[c] })), false)}
        {select('assigneeId', 'Assignee', ticket.assigneeId ?? '', staff)}
        {select('teamId', 'Team', ticket.teamId ?? '', catalog.teams.map((t) => ({ value: t.id, label: t.name })))}
        {select('siteId', 'Site', ticket.siteId ?? '', catalog.sites.map((s) => ({ value: s.id, label: s.name })))}
        {select('systemId', 'System', ticket.systemId ?? '', catalog.systems.map((s) => ({ value: s.id, label: s.name })))}
        {select('impact', 'Impact', ticket.impact, LEVELS.map((l) => ({ value: l, label: LABELS.level[l] })), false)}
        {select('urgency', 'Urgency', ticket.urgency, LEVELS.map((l) => ({ value: l, label: LABELS.level[l] })), false)}
        <Field label="Category" disabled={readOnly} {...text.category} />
        <Field label="Tags" disabled={readOnly} {...text.tags} />
      </div>
      <TextAreaField label="Description" rows={6} disabled={readOnly} {...text.description} hint={savedHint(description.status)} />
    </section>
  );
}

/** Under the description: whether what is in the box is saved, so nobody looks for a Save button. */
function savedHint(status: SavedOnLeave['status']): string {
  if (status === 'saving') return 'Saving…';
  if (status === 'editing') return 'Saved when you leave the box.';
  if (status === 'failed') return 'Not saved yet: your text is kept on this device.';
  return 'Saved.';
}
