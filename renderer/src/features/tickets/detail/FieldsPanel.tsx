import { useState } from 'react';
import type { Result } from '../../../../../shared/result';
import { CHANNELS, LABELS, LEVELS, TICKET_TYPES } from '../../../../../shared/tickets/enums';
import type { Ticket, TicketPatchInput } from '../../../../../shared/tickets/schema';
import { Field } from '../../../ui/Field';
import { SelectField, TextAreaField } from '../fields';
import type { Desk } from '../useDesk';

/**
 * The ticket's fields, edited in place: a select saves when it changes, text
 * saves on Enter or when it loses focus (the description has its own Save).
 * The repository's message appears beside the field; nothing is written.
 */
export function FieldsPanel({ desk, ticket, readOnly }: { desk: Desk; ticket: Ticket; readOnly: boolean }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [description, setDescription] = useState<string | null>(null);
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
        <Field
          key={`cat-${ticket.category}`}
          label="Category"
          defaultValue={ticket.category}
          disabled={readOnly}
          error={errors.category}
          onBlur={(e) => e.target.value !== ticket.category && void save({ category: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <Field
          key={`tags-${ticket.tags.join(',')}`}
          label="Tags"
          defaultValue={ticket.tags.join(', ')}
          disabled={readOnly}
          error={errors.tags}
          onBlur={(e) => {
            const tags = e.target.value.split(',').map((x) => x.trim()).filter(Boolean);
            if (tags.join(',') !== ticket.tags.join(',')) void save({ tags });
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </div>
      <TextAreaField label="Description" rows={6} disabled={readOnly} value={description ?? ticket.description} error={errors.description} onChange={(e) => setDescription(e.target.value)} />
      {description !== null && description !== ticket.description ? (
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            onClick={async () => {
              const r = await save({ description });
              if (r?.ok) setDescription(null);
            }}
          >
            Save description
          </button>
          <button type="button" onClick={() => (setDescription(null), setErrors({ ...errors, description: '' }))}>
            Discard
          </button>
        </div>
      ) : null}
    </section>
  );
}
