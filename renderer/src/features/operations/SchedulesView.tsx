import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { describeRecurrence, previewNext, RecurrenceSchema, SHIFTS, type RecurrenceInput } from '../../../../shared/operations/recurrence';
import { planWarnings } from '../../../../shared/operations/rules';
import { LABELS, PRIORITIES, ScheduleInputSchema, WindowInputSchema, type Schedule, type ScheduleInput, type WindowInput } from '../../../../shared/operations/schemas';
import { WEEKDAYS } from '../../../../shared/tickets/calendar';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { EmptyState } from '../../ui/EmptyState';
import { useDraft } from '../../ui/useDraft';
import { goOps, opsHref } from './ops-route';
import { formatInstant, localZone, useNames, useOpsRepos, type Names } from './useOps';

const todayLocal = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const WD_LABEL: Record<string, string> = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' };
const NTH_LABEL: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function Labelled({ label, error, children, hint }: { label: string; error?: string | undefined; children: (id: string) => ReactNode; hint?: string }) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The rule fields: how often, which days, from when, until when. Shared by schedules and windows. */
export function RuleFields({ rule, onChange, errors, prefix = 'rule' }: { rule: RecurrenceInput; onChange: (r: RecurrenceInput) => void; errors: Record<string, string>; prefix?: string }) {
  const set = (p: Partial<RecurrenceInput>) => onChange({ ...rule, ...p });
  const e = (k: string) => errors[`${prefix}.${k}`];
  const monthlyish = rule.freq === 'monthly' || rule.freq === 'yearly';
  return (
    <fieldset className="ops-rule">
      <legend>Repeats</legend>
      <div className="form-row">
        <Labelled label="How often" error={e('freq')}>
          {(id) => (
            <select id={id} value={rule.freq} onChange={(ev) => set({ freq: ev.target.value as RecurrenceInput['freq'] })}>
              <option value="once">Once</option>
              <option value="daily">Every N days</option>
              <option value="weekly">Weekly</option>
              <option value="monthly">Monthly</option>
              <option value="yearly">Yearly</option>
            </select>
          )}
        </Labelled>
        {rule.freq !== 'once' ? (
          <Labelled label="Every" error={e('interval')} hint={rule.freq === 'daily' ? 'days' : rule.freq === 'weekly' ? 'weeks' : rule.freq === 'monthly' ? 'months' : 'years'}>
            {(id) => <input id={id} type="number" min={1} max={99} value={rule.interval ?? 1} onChange={(ev) => set({ interval: Number(ev.target.value) })} />}
          </Labelled>
        ) : null}
        {rule.freq === 'yearly' ? (
          <Labelled label="Month">
            {(id) => (
              <select id={id} value={rule.month ?? 1} onChange={(ev) => set({ month: Number(ev.target.value) })}>
                {MONTHS.map((m, i) => (
                  <option key={m} value={i + 1}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Labelled>
        ) : null}
      </div>
      {rule.freq === 'weekly' ? (
        <fieldset className="ops-weekdays">
          <legend>On</legend>
          {WEEKDAYS.map((d) => (
            <label key={d}>
              <input type="checkbox" checked={(rule.weekdays ?? []).includes(d)} onChange={(ev) => set({ weekdays: ev.target.checked ? [...(rule.weekdays ?? []), d] : (rule.weekdays ?? []).filter((x) => x !== d) })} /> {WD_LABEL[d]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {monthlyish ? (
        <div className="form-row">
          <Labelled label="On">
            {(id) => (
              <select id={id} value={rule.by ?? 'day'} onChange={(ev) => set({ by: ev.target.value as 'day' | 'nth' })}>
                <option value="day">A day of the month</option>
                <option value="nth">A weekday of the month</option>
              </select>
            )}
          </Labelled>
          {(rule.by ?? 'day') === 'day' ? (
            <Labelled label="Day of the month" error={e('monthDay')}>
              {(id) => (
                <select id={id} value={rule.monthDay ?? 1} onChange={(ev) => set({ monthDay: Number(ev.target.value) })}>
                  {Array.from({ length: 31 }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                  <option value={-1}>Last day</option>
                </select>
              )}
            </Labelled>
          ) : (
            <>
              <Labelled label="Which">
                {(id) => (
                  <select id={id} value={String(rule.nth ?? 1)} onChange={(ev) => set({ nth: Number(ev.target.value) as 1 })}>
                    {['1', '2', '3', '4', '-1'].map((n) => (
                      <option key={n} value={n}>
                        {NTH_LABEL[n]}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
              <Labelled label="Weekday">
                {(id) => (
                  <select id={id} value={rule.nthWeekday ?? 'mon'} onChange={(ev) => set({ nthWeekday: ev.target.value as 'mon' })}>
                    {WEEKDAYS.map((d) => (
                      <option key={d} value={d}>
                        {WD_LABEL[d]}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
            </>
          )}
        </div>
      ) : null}
      <div className="form-row">
        <Labelled label={rule.freq === 'once' ? 'Date' : 'Starts'} error={e('start')}>
          {(id) => <input id={id} type="date" value={rule.start} onChange={(ev) => set({ start: ev.target.value })} />}
        </Labelled>
        <Labelled label="Time" error={e('time')}>
          {(id) => <input id={id} type="time" value={rule.time ?? '09:00'} onChange={(ev) => set({ time: ev.target.value })} />}
        </Labelled>
        {rule.freq !== 'once' ? (
          <>
            <Labelled label="Ends on (optional)" error={e('until')}>
              {(id) => <input id={id} type="date" value={rule.until ?? ''} onChange={(ev) => set({ until: ev.target.value || null })} />}
            </Labelled>
            <Labelled label="Or after (times, optional)" error={e('count')}>
              {(id) => <input id={id} type="number" min={1} value={rule.count ?? ''} onChange={(ev) => set({ count: ev.target.value ? Number(ev.target.value) : null })} />}
            </Labelled>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

const newSchedule = (): ScheduleInput => ({
  kind: 'maintenance',
  name: '',
  systemId: null,
  timeZone: localZone(),
  calendarId: null,
  shift: 'working_day',
  rule: { freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: todayLocal(), time: '09:00', until: null, count: null },
  mode: 'fixed',
  afterDays: 30,
  leadDays: 7,
  template: { title: '', description: '', teamId: null, assigneeId: null, requesterId: null, priority: 'P3', checklist: [] },
  active: true,
});

/** The draft of a schedule's editor: the record's id, or 'new'. */
export const scheduleDraftKey = (id: string) => draftKey('ops.schedule', id === 'new' ? undefined : id);

type ScheduleValues = ScheduleInput & { checklistText: string };

/** A schedule: the rule, what each occurrence creates, and a preview of the next dates before saving. */
export function ScheduleEditor({ id }: { id: string }) {
  const repos = useOpsRepos();
  const stored = useLiveQuery(async () => (id === 'new' ? null : ((await repos.tables.schedules.get(id)) ?? null)), [repos, id]);
  if (id !== 'new' && stored === null) return <EmptyState title="Schedule not found">{<p>It may have been removed on another device.</p>}</EmptyState>;
  if (id !== 'new' && !stored) return <p role="status">Loading the schedule…</p>;
  return <ScheduleForm key={id} id={id} stored={stored ?? null} />;
}

function ScheduleForm({ id, stored }: { id: string; stored: Schedule | null }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const windows = useLiveQuery(() => repos.windows.list(), [repos]);
  // What is typed is a draft until saved: leaving the screen keeps it, and the editor opens with it.
  const [start] = useState<ScheduleValues>(() => {
    const base = stored ?? newSchedule();
    return { ...base, checklistText: (base.template.checklist ?? []).map((c) => c.text).join('\n') };
  });
  const kept = useDraft(scheduleDraftKey(id), start);
  const { checklistText, ...draft } = kept.values;
  const setDraft = (v: ScheduleInput) => kept.set(v as Partial<ScheduleValues>);
  const setChecklistText = (t: string) => kept.set({ checklistText: t });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const calendar = useLiveQuery(async () => (draft?.calendarId ? ((await repos.tickets.tables.calendars.get(draft.calendarId)) ?? null) : null), [repos, draft?.calendarId]);
  const preview = useMemo(() => {
    const rule = RecurrenceSchema.safeParse(draft.rule);
    if (!rule.success) return null;
    try {
      return previewNext(rule.data, todayLocal() > rule.data.start ? todayLocal() : rule.data.start, 6, { timeZone: draft.timeZone, shift: draft.shift ?? 'working_day', calendar: calendar ?? null });
    } catch {
      return null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the values' object changes only when they do
  }, [kept.values, calendar]);
  if (!names) return <p role="status">Loading the schedule…</p>;
  const set = (p: Partial<ScheduleInput>) => setDraft({ ...draft, ...p });
  const setT = (p: Partial<ScheduleInput['template']>) => setDraft({ ...draft, template: { ...draft.template, ...p } });
  const lines = (checklistText ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const ruleOk = RecurrenceSchema.safeParse(draft.rule);
  const warnings =
    preview && windows && draft.systemId ? preview.flatMap((p) => planWarnings({ start: Date.parse(p.at), end: Date.parse(p.at) + 3_600_000, systemIds: [draft.systemId!] }, windows, [], names.system).map((w) => `${p.plannedDate}: ${w.message}`)) : [];

  async function save(e: FormEvent) {
    e.preventDefault();
    // What is saved: the form as it is now (text typed while it saves stays a draft).
    const saving = kept.saving();
    const value: ScheduleInput = { ...draft, template: { ...draft.template, checklist: lines.map((text, i) => ({ id: `c${i + 1}`, text })) } };
    const parsed = ScheduleInputSchema.safeParse(value);
    const r = id === 'new' ? await repos.schedules.create(value) : await repos.schedules.update(id, value);
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      setMessage(r.error.message);
      return;
    }
    void parsed;
    kept.done(saving);
    setErrors({});
    setMessage('');
    const gen = await repos.generator.generateFor(r.value.id);
    const made = gen.ok ? gen.value.created.length : 0;
    const problem = gen.ok ? gen.value.problems[0]?.message : gen.error.message;
    announce(`Schedule saved${made ? `; ${made} occurrence${made === 1 ? '' : 's'} created` : ''}`);
    if (problem) setMessage(`Saved, but an occurrence could not be created: ${problem}`);
    if (id === 'new') goOps({ view: 'schedule', id: r.value.id });
  }

  return (
    <form className="ops-form" onSubmit={save} aria-label={id === 'new' ? 'New schedule' : `Schedule ${draft.name}`}>
      <h2>{id === 'new' ? 'New schedule' : draft.name}</h2>
      <DraftNotice restoredAt={kept.restoredAt} onDiscard={kept.discard} what="schedule" />
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="form-row">
        <Labelled label="Name" error={errors.name}>
          {(fid) => <input id={fid} value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="Patch Tuesday — case management" />}
        </Labelled>
        <Labelled label="Kind">
          {(fid) => (
            <select id={fid} value={draft.kind} onChange={(e) => set({ kind: e.target.value as 'maintenance' })}>
              <option value="maintenance">Maintenance (creates tickets)</option>
              <option value="output">Output (creates runs of a job)</option>
            </select>
          )}
        </Labelled>
        <Labelled label="System">
          {(fid) => (
            <select id={fid} value={draft.systemId ?? ''} onChange={(e) => set({ systemId: e.target.value || null })}>
              <option value="">No system</option>
              {names.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Labelled>
      </div>
      <RuleFields rule={draft.rule} onChange={(rule) => set({ rule })} errors={errors} />
      <div className="form-row">
        <Labelled label="Time zone" error={errors.timeZone}>
          {(fid) => <input id={fid} value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />}
        </Labelled>
        <Labelled label="Business calendar">
          {(fid) => (
            <select id={fid} value={draft.calendarId ?? ''} onChange={(e) => set({ calendarId: e.target.value || null })}>
              <option value="">None (keep every date)</option>
              {names.calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled label="On holidays and days off">
          {(fid) => (
            <select id={fid} value={draft.shift ?? 'working_day'} onChange={(e) => set({ shift: e.target.value as 'none' })}>
              {SHIFTS.map((s) => (
                <option key={s} value={s}>
                  {LABELS.shift[s]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
      </div>
      <div className="form-row">
        <Labelled label="Dates">
          {(fid) => (
            <select id={fid} value={draft.mode ?? 'fixed'} onChange={(e) => set({ mode: e.target.value as 'fixed' })}>
              <option value="fixed">Fixed, by the rule</option>
              <option value="after_completion">N days after the last one was completed</option>
            </select>
          )}
        </Labelled>
        {draft.mode === 'after_completion' ? (
          <Labelled label="Days after completion" error={errors.afterDays}>
            {(fid) => <input id={fid} type="number" min={1} value={draft.afterDays ?? 30} onChange={(e) => set({ afterDays: Number(e.target.value) })} />}
          </Labelled>
        ) : null}
        <Labelled label="Create this many days ahead" error={errors.leadDays}>
          {(fid) => <input id={fid} type="number" min={0} max={90} value={draft.leadDays ?? 7} onChange={(e) => set({ leadDays: Number(e.target.value) })} />}
        </Labelled>
        <label className="check">
          <input type="checkbox" checked={draft.active ?? true} onChange={(e) => set({ active: e.target.checked })} /> Active
        </label>
      </div>
      <fieldset>
        <legend>{draft.kind === 'maintenance' ? 'Each ticket' : 'Each run'}</legend>
        <div className="form-row">
          <Labelled label="Ticket title" error={errors['template.title']}>
            {(fid) => <input id={fid} value={draft.template.title} onChange={(e) => setT({ title: e.target.value })} />}
          </Labelled>
          <Labelled label="Priority">
            {(fid) => (
              <select id={fid} value={draft.template.priority ?? 'P3'} onChange={(e) => setT({ priority: e.target.value as 'P3' })}>
                {PRIORITIES.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            )}
          </Labelled>
        </div>
        <div className="form-row">
          <PersonSelect label="Requester" names={names} value={draft.template.requesterId ?? null} onChange={(v) => setT({ requesterId: v })} />
          <PersonSelect label="Assignee" names={names} staffOnly value={draft.template.assigneeId ?? null} onChange={(v) => setT({ assigneeId: v })} />
          <Labelled label="Team">
            {(fid) => (
              <select id={fid} value={draft.template.teamId ?? ''} onChange={(e) => setT({ teamId: e.target.value || null })}>
                <option value="">No team</option>
                {names.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Labelled>
        </div>
        <Labelled label="Description">
          {(fid) => <textarea id={fid} rows={3} value={draft.template.description ?? ''} onChange={(e) => setT({ description: e.target.value })} />}
        </Labelled>
        <Labelled label="Checklist (one item a line)" error={errors['template.checklist']}>
          {(fid) => <textarea id={fid} rows={5} value={checklistText ?? ''} onChange={(e) => setChecklistText(e.target.value)} />}
        </Labelled>
      </fieldset>
      <section aria-label="Next dates" className="ops-preview">
        <h3>Next dates</h3>
        {ruleOk.success ? <p>{describeRecurrence(ruleOk.data)} ({draft.timeZone})</p> : <p className="muted">Complete the rule to see its dates.</p>}
        {preview && preview.length > 0 ? (
          <ol>
            {preview.map((p) => (
              <li key={p.date}>
                {formatInstant(p.at, draft.timeZone)}
                {p.moved ? <span className="muted"> (moved from {p.date})</span> : null}
              </li>
            ))}
          </ol>
        ) : ruleOk.success ? (
          <p className="muted">No more dates.</p>
        ) : null}
        {warnings.length > 0 ? (
          <ul className="ops-warnings" aria-label="Warnings">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save schedule
        </button>
        {id !== 'new' ? (
          <button
            type="button"
            onClick={async () => {
              const r = await repos.generator.runNow(id);
              announce(r.ok ? 'An extra occurrence was created' : r.error.message);
              if (!r.ok) setMessage(r.error.message);
            }}
          >
            Run now
          </button>
        ) : null}
        <a href={opsHref({ view: 'schedules' })}>Back to schedules</a>
        {kept.restoredAt || JSON.stringify(kept.values) !== JSON.stringify(start) ? (
          <button type="button" onClick={kept.discard}>
            Discard changes
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function PersonSelect({ label, names, value, onChange, staffOnly }: { label: string; names: Names; value: string | null; onChange: (v: string | null) => void; staffOnly?: boolean }) {
  return (
    <Labelled label={label}>
      {(fid) => (
        <select id={fid} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">Nobody</option>
          {names.people
            .filter((p) => !staffOnly || p.kind === 'staff')
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      )}
    </Labelled>
  );
}

function ScheduleRow({ s, names }: { s: Schedule; names: Names }) {
  return (
    <tr>
      <th scope="row">
        <a href={opsHref({ view: 'schedule', id: s.id })}>{s.name}</a>
      </th>
      <td>{LABELS.kind[s.kind]}</td>
      <td>{names.system(s.systemId)}</td>
      <td>{describeRecurrence(s.rule)}</td>
      <td>{s.active ? 'Active' : 'Paused'}</td>
    </tr>
  );
}

const newWindow = (): WindowInput => ({ kind: 'window', name: '', systemIds: [], timeZone: localZone(), rule: { freq: 'weekly', weekdays: ['sun'], start: todayLocal(), time: '22:00' }, durationMinutes: 240, note: '' });

/** Schedules, and the maintenance windows and freezes they are checked against. */
export function SchedulesView() {
  const repos = useOpsRepos();
  const names = useNames();
  const schedules = useLiveQuery(() => repos.schedules.list(), [repos]);
  const windows = useLiveQuery(() => repos.windows.list(), [repos]);
  // A window being added is a draft until saved (the form opens again with it); Cancel drops it.
  const winDraft = useDraft(draftKey('ops.window', undefined), { open: false, win: newWindow() });
  const win = winDraft.values.open ? winDraft.values.win : null;
  const setWin = (w: WindowInput | null) => (w ? winDraft.set({ open: true, win: w }) : winDraft.discard());
  const [winErrors, setWinErrors] = useState<Record<string, string>>({});
  const announce = useUi((s) => s.announce);
  if (!schedules || !windows || !names) return <p role="status">Loading schedules…</p>;
  return (
    <section aria-label="Schedules">
      <div className="toolbar">
        <a className="button primary" href={opsHref({ view: 'schedule', id: 'new' })}>
          New schedule
        </a>
      </div>
      {schedules.length === 0 ? (
        <EmptyState title="No schedules yet" action={<a href={opsHref({ view: 'schedule', id: 'new' })}>Add a schedule</a>}>
          <p>A schedule repeats maintenance (patch Tuesday, a quarterly index rebuild) or an output job (a monthly report) and creates each ticket or run ahead of time.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Schedules</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">System</th>
                <th scope="col">Repeats</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {[...schedules].sort((a, b) => a.name.localeCompare(b.name)).map((s) => (
                <ScheduleRow key={s.id} s={s} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Maintenance windows and freezes</h2>
      {windows.length === 0 && !win ? <p className="muted">No windows or freezes. Planned work on a system with windows is warned when it falls outside them; inside a freeze, always.</p> : null}
      {windows.length > 0 ? (
        <ul className="ops-list">
          {windows.map((w) => (
            <li key={w.id}>
              <strong>{LABELS.windowKind[w.kind]}</strong> {w.name} — {w.systemIds.map(names.system).join(', ')} — {describeRecurrence(w.rule)}, {Math.round(w.durationMinutes / 60)} h{' '}
              <button type="button" onClick={() => void repos.windows.remove(w.id).then(() => announce(`${w.name} removed`))} aria-label={`Remove ${w.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {win ? (
        <form
          className="ops-form"
          aria-label="New window or freeze"
          onSubmit={async (e) => {
            e.preventDefault();
            const saving = winDraft.saving();
            const parsed = WindowInputSchema.safeParse(saving.win);
            void parsed;
            const r = await repos.windows.create(saving.win);
            if (!r.ok) return setWinErrors(r.error.fields ?? { name: r.error.message });
            // Closed and cleared, unless it was typed into while it saved (then that stays, a draft).
            winDraft.done(saving, { reset: true });
            setWinErrors({});
            announce('Window saved');
          }}
        >
          <div className="form-row">
            <Labelled label="Window or freeze">
              {(fid) => (
                <select id={fid} value={win.kind} onChange={(e) => setWin({ ...win, kind: e.target.value as 'window' })}>
                  <option value="window">Maintenance window</option>
                  <option value="freeze">Freeze</option>
                </select>
              )}
            </Labelled>
            <Labelled label="Window name" error={winErrors.name}>
              {(fid) => <input id={fid} value={win.name} onChange={(e) => setWin({ ...win, name: e.target.value })} />}
            </Labelled>
            <Labelled label="Hours" error={winErrors.durationMinutes}>
              {(fid) => <input id={fid} type="number" min={1} value={win.durationMinutes / 60} onChange={(e) => setWin({ ...win, durationMinutes: Math.round(Number(e.target.value) * 60) })} />}
            </Labelled>
          </div>
          <fieldset>
            <legend>Systems</legend>
            {names.systems.length === 0 ? <p className="muted">Add systems in Settings first.</p> : null}
            {names.systems.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" checked={(win.systemIds ?? []).includes(s.id)} onChange={(e) => setWin({ ...win, systemIds: e.target.checked ? [...(win.systemIds ?? []), s.id] : (win.systemIds ?? []).filter((x) => x !== s.id) })} /> {s.name}
              </label>
            ))}
            {winErrors.systemIds ? (
              <p className="field-error" role="alert">
                {winErrors.systemIds}
              </p>
            ) : null}
          </fieldset>
          <DraftNotice restoredAt={winDraft.restoredAt} onDiscard={winDraft.discard} what="window" />
          <RuleFields rule={win.rule} onChange={(rule) => setWin({ ...win, rule })} errors={winErrors} />
          <div className="form-actions">
            <button type="submit" className="primary">
              Save window
            </button>
            <button type="button" onClick={() => setWin(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setWin(newWindow())}>
          Add a window or freeze
        </button>
      )}
    </section>
  );
}
