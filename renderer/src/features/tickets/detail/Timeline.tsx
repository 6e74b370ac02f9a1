import { useState, type FormEvent } from 'react';
import type { HistoryEvent } from '../../../../../shared/tickets/history';
import { formatHistoryEvent, type HistoryLookups, type ShownValue, valueText } from '../../../../../shared/tickets/history-format';
import { timeTotals, WORK_LOG_KINDS, type WorkLogEntry, type WorkLogKind } from '../../../../../shared/tickets/worklog';
import { SelectField, TextAreaField } from '../fields';
import { DraftNotice } from '../../../ui/DraftNotice';
import { draftKey } from '../../../ui/drafts';
import { Field } from '../../../ui/Field';
import { useDraft } from '../../../ui/useDraft';
import { formatMinutes, formatWhen, WORK_LOG_LABELS } from '../labels';
import { goToTicket } from '../route';
import type { Desk } from '../useDesk';

type Item = { kind: 'entry'; at: string; entry: WorkLogEntry } | { kind: 'event'; at: string; event: HistoryEvent };

/** A history value: its words, and a link when it names a ticket on this device. */
function Shown({ value }: { value: ShownValue }) {
  if (!value.ticketId) return <>{valueText(value)}</>;
  const id = value.ticketId;
  return (
    <>
      {value.lead}
      <a href={`#/tickets/${id}`} onClick={(e) => (e.preventDefault(), goToTicket(id))}>
        {value.text}
      </a>
      {value.tail}
    </>
  );
}

/** One history event in the words of the screens (history-format.ts). */
function EventText({ event, lookups }: { event: HistoryEvent; lookups: HistoryLookups }) {
  const shown = formatHistoryEvent(event, lookups);
  if (event.field === 'created') return <>Created {shown.kind === 'event' ? shown.value.text : ''}</>;
  return (
    <>
      <strong>{shown.label}</strong>:{' '}
      {shown.kind === 'event' ? (
        <Shown value={shown.value} />
      ) : (
        <>
          <Shown value={shown.from} /> → <Shown value={shown.to} />
        </>
      )}
    </>
  );
}

/** One timeline of the work log and the field history, newest first, with the form to log work. */
export function Timeline({
  desk,
  ticketId,
  entries,
  history,
  names,
  lookups,
  readOnly,
}: {
  desk: Desk;
  ticketId: string;
  entries: WorkLogEntry[];
  history: HistoryEvent[];
  names: (id: string) => string;
  lookups: HistoryLookups;
  readOnly: boolean;
}) {
  // A half-typed entry is a draft of this ticket: it comes back when the ticket is opened again.
  const draft = useDraft(draftKey('ticket.worklog', ticketId), { kind: 'public_update' as WorkLogKind, body: '', minutes: '0' });
  const [kind, setKind] = draft.field('kind');
  const [body, setBody] = draft.field('body');
  const [minutes, setMinutes] = draft.field('minutes');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const items: Item[] = [...entries.map((e): Item => ({ kind: 'entry', at: e.at, entry: e })), ...history.map((h): Item => ({ kind: 'event', at: h.at, event: h }))].sort((a, b) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : a.kind === b.kind ? 0 : a.kind === 'entry' ? -1 : 1,
  );
  const totals = timeTotals(entries);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const n = minutes.trim() === '' ? 0 : Number(minutes);
    const res = await desk.repos.workLog.add(ticketId, { kind, body, minutes: n });
    if (!res.ok) return setErrors(res.error.fields ?? { body: res.error.message });
    setErrors({});
    draft.discard();
  };

  return (
    <section className="panel timeline" aria-label="Timeline">
      <h2>
        Timeline <span className="muted">· {totals.count} work-log {totals.count === 1 ? 'entry' : 'entries'}, {formatMinutes(totals.totalMinutes)} spent</span>
      </h2>
      {!readOnly ? (
        <form className="worklog-form" aria-label="Log work" onSubmit={add}>
          <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="work-log entry" />
          <div className="inline-fields">
            <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as WorkLogKind)}>
              {WORK_LOG_KINDS.map((k) => (
                <option key={k} value={k}>
                  {WORK_LOG_LABELS[k]}
                </option>
              ))}
            </SelectField>
            <Field label="Minutes" type="number" min={0} max={1440} value={minutes} error={errors.minutes} onChange={(e) => setMinutes(e.target.value)} />
          </div>
          <TextAreaField label="Work-log entry" rows={3} value={body} error={errors.body} onChange={(e) => setBody(e.target.value)} />
          <button type="submit">Add to log</button>
        </form>
      ) : null}
      <ol className="timeline-list">
        {items.map((it) =>
          it.kind === 'entry' ? (
            <li key={it.entry.id} className={`tl-entry tl-${it.entry.kind}`} data-testid="timeline-entry">
              <div className="tl-meta">
                <strong>{WORK_LOG_LABELS[it.entry.kind]}</strong> · {names(it.entry.authorId)} · {formatWhen(it.entry.at)}
                {it.entry.minutes ? ` · ${it.entry.minutes} min` : ''}
                {it.entry.copiedFrom ? ' · copied from a merged ticket' : ''}
              </div>
              <p className="tl-body">{it.entry.body}</p>
            </li>
          ) : (
            <li key={it.event.id} className="tl-event" data-testid="timeline-event">
              <span className="tl-meta">
                {formatWhen(it.event.at)} · {names(it.event.by)}
              </span>{' '}
              <EventText event={it.event} lookups={lookups} />
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
