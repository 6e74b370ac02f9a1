import { useMemo, useState, type FormEvent } from 'react';
import type { BusinessCalendar, Weekday } from '../../../../../shared/tickets/calendar';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { dropFormDrafts, useDraftState } from '../../../ui/useDraft';
import { AddButton, FormButtons, ListPanel, report, RowActions, useListPanel, useNotice, useSaveForm, panelDraftForm } from './common';
import { DAY_NAMES, formatHours, HOURS_ERROR, parseHours, summariseWeek, WEEK_ORDER, type Hours } from './format';
import type { PanelProps } from './HelpdeskSection';
import { APPLIES_FROM_NOW } from './SlaPanel';

const WORKDAY = '08:00-17:00';
const NEW_WEEK: Record<Weekday, string> = { sun: '', mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: '' };

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Business calendars: the zone, the working hours of each weekday, and the holidays SLA clocks skip. */
export function CalendarsPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<BusinessCalendar>((id) => repo.calendars.retire(id), 'calendar');
  const editingCal = data.calendars.find((c) => c.id === editing);
  return (
    <ListPanel
      id="hd-cal-title"
      title="Business calendars"
      intro={`When SLA time counts: working hours in one time zone, minus holidays. ${APPLIES_FROM_NOW}`}
      notice={notice.view}
      empty={data.calendars.length === 0 && <p>No business calendars yet. Add one with your desk&apos;s hours; SLA policies count their targets on it.</p>}
      columns={['Calendar', 'Time zone', 'Working hours', 'Holidays']}
      rows={data.calendars.map((cal) => (
        <tr key={cal.id}>
          <th scope="row">{cal.name}</th>
          <td>{cal.timeZone}</td>
          <td>{summariseWeek(cal.week)}</td>
          <td>{cal.holidays.length}</td>
          <RowActions name={`calendar ${cal.name}`} onEdit={() => open(cal.id)} onRemove={() => void remove(cal)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add calendar" onClick={() => open('new')} />
        ) : (
          <>
            <CalendarForm
              key={editing}
              repo={repo}
              calendar={editingCal}
              say={notice.say}
              onCancel={close}
              // A new calendar stays open, so its holidays can be added next.
              // A new calendar stays open (to add holidays) as itself: the draft of the new one is done.
              onSaved={(cal, created) => (created ? (dropFormDrafts(FORM, 'new'), open(cal.id)) : close())}
            />
            {editingCal ? <Holidays repo={repo} calendar={editingCal} /> : <p className="field-hint">Save the calendar to add its holidays.</p>}
          </>
        )
      }
    />
  );
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('calendar');

function CalendarForm({
  repo,
  calendar,
  say,
  onCancel,
  onSaved,
}: {
  repo: PanelProps['repo'];
  calendar: BusinessCalendar | undefined;
  say: (ok: boolean, text: string) => void;
  onCancel: () => void;
  onSaved: (cal: BusinessCalendar, created: boolean) => void;
}) {
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [name, setName] = useDraftState(FORM, calendar?.id, 'name', calendar?.name ?? '');
  const [timeZone, setTimeZone] = useDraftState(FORM, calendar?.id, 'timeZone', calendar?.timeZone ?? localZone());
  const [week, setWeek] = useDraftState<Record<Weekday, string>>(FORM, calendar?.id, 'week', () => {
    if (!calendar) return NEW_WEEK;
    const out = { ...NEW_WEEK };
    for (const d of WEEK_ORDER) out[d] = formatHours(calendar.week[d]);
    return out;
  });
  const { errors, save, refuse, summary } = useSaveForm(say);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = {} as Record<Weekday, Hours>;
    const local: Record<string, string> = {};
    for (const d of WEEK_ORDER) {
      const hours = parseHours(week[d]);
      if (hours === null) local[`week.${d}`] = HOURS_ERROR;
      parsed[d] = hours ?? [];
    }
    if (Object.keys(local).length) return refuse(local);
    const input = { name, timeZone: timeZone.trim(), week: parsed };
    void save(e, calendar ? repo.calendars.update(calendar.id, input) : repo.calendars.create(input), (c) => `Saved the calendar ${c.name}`, (c) => onSaved(c, !calendar));
  };
  // Schema messages are keyed week.mon.0.end: show each beside its day.
  const dayError = (d: Weekday) => Object.entries(errors).find(([k]) => k === `week.${d}` || k.startsWith(`week.${d}.`))?.[1];

  const title = calendar ? `Edit calendar ${calendar.name}` : 'New business calendar';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="Calendar name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Time zone" list="hd-time-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errors.timeZone} hint="Such as America/Los_Angeles" />
        <datalist id="hd-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <fieldset className="checks-fieldset" aria-describedby="hd-week-hint">
        <legend>Working hours</legend>
        <p className="field-hint" id="hd-week-hint">
          Such as 08:00-17:00, or 08:00-12:00, 13:00-17:00 for a lunch break; empty when closed. 24:00 is midnight.
        </p>
        {errors.week ? (
          <p className="field-error" role="alert">
            {errors.week}
          </p>
        ) : null}
        <div className="form-grid">
          {WEEK_ORDER.map((d) => (
            <Field key={d} label={`${DAY_NAMES[d]} hours`} value={week[d]} onChange={(e) => setWeek((w) => ({ ...w, [d]: e.target.value }))} error={dayError(d)} />
          ))}
        </div>
      </fieldset>
      <FormButtons save="Save calendar" onCancel={onCancel} />
    </form>
  );
}

const dateLabel = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A calendar's holidays: each added or removed at once (its own small write). */
function Holidays({ repo, calendar }: { repo: PanelProps['repo']; calendar: BusinessCalendar }) {
  const notice = useNotice();
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const res = await report(repo.calendars.addHoliday(calendar.id, date), notice.say, () => `Added the holiday ${date} to ${calendar.name}`);
    if (res.ok) {
      setDate('');
      setError(undefined);
    } else setError(res.fields.holiday ?? 'Write a date such as 2025-07-04');
  };
  const remove = async (day: string) => {
    await report(repo.calendars.removeHoliday(calendar.id, day), notice.say, () => `Removed the holiday ${day} from ${calendar.name}`);
  };
  return (
    <section className="helpdesk-form" aria-labelledby="hd-holidays-title">
      <h4 id="hd-holidays-title">Holidays of {calendar.name}</h4>
      {notice.view}
      {calendar.holidays.length === 0 ? (
        <p className="muted">No holidays: every weekday with hours counts.</p>
      ) : (
        <ul className="holiday-list" aria-label={`Holidays of ${calendar.name}`}>
          {calendar.holidays.map((day) => (
            <li key={day}>
              <span className="mono">{day}</span> <span className="muted">{dateLabel(day)}</span>
              <button type="button" className="link-button" onClick={() => void remove(day)} aria-label={`Remove the holiday ${day}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-fields" onSubmit={add} noValidate aria-label="Add a holiday">
        <Field label="Holiday date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={error} />
        <div className="field">
          <button type="submit">Add holiday</button>
        </div>
      </form>
    </section>
  );
}
