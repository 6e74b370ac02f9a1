import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { PERIOD_KINDS, REPORT_SCOPES, REPORT_SECTIONS, type PeriodKind, type ReportDefinition, type ReportScope, type ReportSection } from '../../../../shared/inform/report';
import { reportDocument, SCOPE_LABELS, SECTION_LABELS, SECTION_ORDER, trendChartSvg, trendSummary, type OpenRowDoc, type StatusReportDoc } from '../../../../shared/inform/report-output';
import { repeatState } from '../../../../shared/inform/report-repeat';
import type { RecurrenceInput } from '../../../../shared/operations/recurrence';
import { isoDateOfDay, localDayOf, WEEKDAYS, type Weekday } from '../../../../shared/tickets/calendar';
import { fold } from '../../../../shared/tickets/search';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import type { Command } from '../../app/commands';
import { useContextCommands } from '../../app/context-commands';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { ticketTables } from '../../data/repositories/tickets/tables';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { PaperSelect } from '../../ui/print/PaperSelect';
import { useInform } from './KnowledgeScreen';
import { goReport, useReportRoute } from './report-route';
import './reports.css';

/**
 * Reports → Status reports: whom (an agency, a site, a requester or a team,
 * by name) and which period, run on what this device holds; the preview,
 * the PDF (Letter or A4, through main's print pipeline), the workbook, a mail
 * draft with the PDF attached, and saved reports that run again in one action.
 * Saved reports run on demand (a repeating schedule is not built yet).
 */

const PERIOD_LABELS: Record<PeriodKind, string> = { lastWeek: 'Last week', lastMonth: 'Last month', last30: 'Last 30 days', thisMonth: 'This month', custom: 'Custom dates' };
const PREVIEW_ROWS = 200;
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

interface Subject {
  id: string;
  name: string;
  agency: string;
}

/** The names a report can be about, live. */
function useSubjects() {
  const { db } = useData();
  return useLiveQuery(async () => {
    const t = ticketTables(db);
    const alive = <T extends { deleted?: 0 | 1 }>(rows: T[]) => rows.filter((r) => r.deleted !== 1);
    const agencies = alive(await t.agencies.toArray());
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    const byName = (a: Subject, b: Subject) => a.name.localeCompare(b.name);
    const sites = alive(await t.sites.toArray()).map((s) => ({ id: s.id, name: s.name, agency: agencyName.get(s.agencyId) ?? '' }));
    const people = alive(await t.people.toArray()).map((p) => ({ id: p.id, name: p.name, agency: p.agency ?? '' }));
    const teams = alive(await t.teams.toArray()).map((x) => ({ id: x.id, name: x.name, agency: '' }));
    return {
      agency: agencies.map((a) => ({ id: a.id, name: a.name, agency: a.name })).sort(byName),
      site: sites.sort(byName),
      requester: people.sort(byName),
      team: teams.sort(byName),
    } satisfies Record<ReportScope, Subject[]>;
  }, [db]);
}

interface Choice {
  scope: ReportScope;
  scopeId: string;
  period: PeriodKind;
  from: string;
  to: string;
  sections: ReportSection[];
  paper: PaperSize;
  repeat: Repeat;
}

/** How a saved report repeats, as the form offers it: weekly on a weekday, monthly on a day, or on demand. */
interface Repeat {
  freq: 'none' | 'weekly' | 'monthly';
  weekday: Weekday;
  monthDay: number;
}
const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const NO_REPEAT: Repeat = { freq: 'none', weekday: 'mon', monthDay: 1 };
const repeatOf = (d: ReportDefinition): Repeat =>
  d.repeat && (d.repeat.freq === 'weekly' || d.repeat.freq === 'monthly') ? { freq: d.repeat.freq, weekday: d.repeat.weekdays[0] ?? 'mon', monthDay: d.repeat.monthDay } : NO_REPEAT;
const recurrenceOf = (r: Repeat, today: string): RecurrenceInput | null =>
  r.freq === 'none' ? null : r.freq === 'weekly' ? { freq: 'weekly', weekdays: [r.weekday], start: today } : { freq: 'monthly', by: 'day', monthDay: r.monthDay, start: today };
const localToday = (tz: string) => isoDateOfDay(localDayOf(tz, Date.now()));

const emptyChoice = (): Choice => ({ scope: 'agency', scopeId: '', period: 'lastMonth', from: '', to: '', sections: [...REPORT_SECTIONS], paper: 'Letter', repeat: NO_REPEAT });
const fromDefinition = (d: ReportDefinition): Choice => ({ scope: d.scope, scopeId: d.scopeId, period: d.period, from: d.from ?? '', to: d.to ?? '', sections: [...d.sections], paper: d.paper === 'a4' ? 'A4' : 'Letter', repeat: repeatOf(d) });

type Feedback = { error: boolean; text: string } | null;

/** The status reports part of the Reports screen. */
export function StatusReports() {
  const route = useReportRoute();
  const inform = useInform();
  const definitions = useLiveQuery(() => inform.reports.mine(), [inform]);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [definitionId, setDefinitionId] = useState<string | null>(null);
  const [autoRun, setAutoRun] = useState(0);
  const savedHeading = useRef<HTMLHeadingElement>(null);
  // While Reports is open, each saved report is in the palette, to run in one action.
  const commands = useMemo<Command[]>(
    () => (definitions ?? []).map((d) => ({ id: `inform.report.run.${d.id}`, title: `Run saved report: ${d.name}`, group: 'Go to', keywords: 'status report saved again', run: () => goReport({ view: 'run', id: d.id }) })),
    [definitions],
  );
  useContextCommands('inform.savedReports', commands);

  useEffect(() => {
    if (route.view === 'new') {
      setChoice((c) => c ?? emptyChoice());
      setDefinitionId(null);
    } else if (route.view === 'run' && definitions) {
      const d = definitions.find((x) => x.id === route.id);
      if (d) {
        setChoice(fromDefinition(d));
        setDefinitionId(d.id);
        setAutoRun(route.at);
      }
    } else if (route.view === 'saved') savedHeading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a route change (or the definitions arriving) opens it, not every later edit
  }, [route, definitions === undefined]);

  const missing = route.view === 'run' && definitions !== undefined && !definitions.some((d) => d.id === route.id);
  return (
    <section className="panel status-reports" aria-labelledby="status-reports-title">
      <h2 id="status-reports-title">Status reports</h2>
      <p className="muted">For an agency, a site, a requester or a team over a period: open requests, what was resolved, counts and trends, training held and what waits on the customer. Made from what this device holds, offline.</p>
      {missing ? (
        <p role="alert" className="field-error">
          That saved report is no longer there.
        </p>
      ) : null}
      {choice ? (
        <ReportBuilder
          key={definitionId ?? 'new'}
          initial={choice}
          definition={definitions?.find((d) => d.id === definitionId) ?? null}
          autoRun={autoRun}
          onClose={() => {
            setChoice(null);
            setDefinitionId(null);
            goReport({ view: 'home' });
          }}
        />
      ) : (
        <button type="button" className="primary" onClick={() => goReport({ view: 'new' })}>
          New status report
        </button>
      )}
      <h3 id="saved-reports-title" tabIndex={-1} ref={savedHeading}>
        Saved reports
      </h3>
      {definitions === undefined ? null : definitions.length === 0 ? (
        <EmptyState title="No saved reports yet">
          <p>Run a status report and save it with a name; it is then here to run again in one action, on any of your devices.</p>
        </EmptyState>
      ) : (
        <SavedReports definitions={definitions} />
      )}
    </section>
  );
}

function SavedReports({ definitions: all }: { definitions: ReportDefinition[] }) {
  const inform = useInform();
  const subjects = useSubjects();
  const timeZone = useLiveQuery(() => inform.reports.timeZone(), [inform]) ?? 'UTC';
  const today = localToday(timeZone);
  const states = new Map(all.map((d) => [d.id, repeatState(d.repeat, today, d.lastRunAt ? isoDateOfDay(localDayOf(timeZone, Date.parse(d.lastRunAt))) : null)]));
  // Those due come first: one action away.
  const definitions = [...all].sort((a, b) => Number(Boolean(states.get(b.id)?.dueSince)) - Number(Boolean(states.get(a.id)?.dueSince)));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const name = (d: ReportDefinition) => subjects?.[d.scope].find((s) => s.id === d.scopeId)?.name ?? 'someone no longer on this device';
  return (
    <>
      <div className="table-scroll">
      <table className="data-table saved-reports" aria-labelledby="saved-reports-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">About</th>
            <th scope="col">Period</th>
            <th scope="col">Repeats</th>
            <th scope="col">Last run</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {definitions.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.name}</th>
              <td>
                {SCOPE_LABELS[d.scope]}: {name(d)}
              </td>
              <td>{d.period === 'custom' ? `${d.from} to ${d.to}` : PERIOD_LABELS[d.period]}</td>
              <td>
                {states.get(d.id) ? (
                  <>
                    {states.get(d.id)!.text}
                    {states.get(d.id)!.dueSince ? <strong className="report-due"> · Due since {states.get(d.id)!.dueSince}</strong> : states.get(d.id)!.next ? ` · next ${states.get(d.id)!.next}` : ''}
                  </>
                ) : (
                  'On demand'
                )}
              </td>
              <td>{d.lastRunAt ? new Date(d.lastRunAt).toLocaleString() : 'Never'}</td>
              <td className="actions">
                <button type="button" onClick={() => goReport({ view: 'run', id: d.id })} aria-label={`Run ${d.name}`}>
                  Run
                </button>{' '}
                <button
                  type="button"
                  aria-label={`Delete ${d.name}`}
                  onClick={async () => {
                    if (!window.confirm(`Delete the saved report “${d.name}”? Reports already saved as files stay.`)) return;
                    const r = await inform.reports.removeDefinition(d.id);
                    setFeedback(r.ok ? { error: false, text: `Deleted ${d.name}.` } : { error: true, text: r.error.message });
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p role={feedback?.error ? 'alert' : 'status'}>{feedback?.text ?? ''}</p>
    </>
  );
}

function ReportBuilder({ initial, definition, autoRun, onClose }: { initial: Choice; definition: ReportDefinition | null; autoRun: number; onClose: () => void }) {
  const inform = useInform();
  const subjects = useSubjects();
  const announce = useUi((s) => s.announce);
  const [c, setC] = useState<Choice>(initial);
  const [find, setFind] = useState('');
  const [doc, setDoc] = useState<StatusReportDoc | null>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const formId = definition?.id ?? 'new';
  const [name, setName] = useDraftState('inform.report', formId, 'name', definition?.name ?? '');
  const [to, setTo] = useDraftState('inform.report', formId, 'to', (definition?.recipients ?? []).join(', '));
  const [message, setMessage] = useDraftState('inform.report', formId, 'message', '');
  const ids = useId();
  const resultRef = useRef<HTMLHeadingElement>(null);

  const list = useMemo(() => subjects?.[c.scope] ?? [], [subjects, c.scope]);
  const shown = useMemo(() => {
    const words = fold(find.trim());
    const matches = words ? list.filter((s) => fold(s.name).includes(words)) : list;
    const cut = matches.slice(0, 200);
    const picked = list.find((s) => s.id === c.scopeId);
    return picked && !cut.includes(picked) ? [picked, ...cut] : cut;
  }, [list, find, c.scopeId]);
  const subject = list.find((s) => s.id === c.scopeId) ?? null;

  async function run(e?: FormEvent) {
    e?.preventDefault();
    setProblem(null);
    setFeedback(null);
    if (!subject) return setProblem(`Choose the ${SCOPE_LABELS[c.scope].toLowerCase()} the report is about.`);
    if (c.sections.length === 0) return setProblem('Pick at least one section.');
    if (c.period === 'custom' && (!c.from || !c.to || c.from > c.to)) return setProblem('A custom period needs a start on or before its end.');
    setRunning(true);
    try {
      const r = await inform.reports.run({ scope: c.scope, scopeId: c.scopeId, period: c.period, from: c.from || null, to: c.to || null });
      if (!r.ok) return setProblem(r.error.message);
      const timeZone = await inform.reports.timeZone();
      const next = reportDocument(r.value, { subject: subject.name, agency: subject.agency, timeZone, sections: c.sections });
      setDoc(next);
      if (definition) void inform.reports.markRun(definition.id);
      const text = `Status report for ${subject.name}, ${next.period.from} to ${next.period.to}: ${plural(next.counts.open, 'open request')}, ${next.counts.resolved} resolved.`;
      announce(text);
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (x) {
      setProblem(`The report could not be made: ${x instanceof Error ? x.message : String(x)}`);
    } finally {
      setRunning(false);
    }
  }

  // A saved report opened with Run: run it at once.
  useEffect(() => {
    if (autoRun && subjects) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per Run, when the names are there
  }, [autoRun, subjects === undefined]);

  const say = (f: Feedback) => {
    setFeedback(f);
    if (f && !f.error) announce(f.text);
  };

  async function savePdf() {
    if (!doc) return;
    say({ error: false, text: 'Preparing the PDF…' });
    const r = await platform.inform.reportPdf({ report: doc, paper: c.paper });
    if (!r.ok) return say({ error: true, text: `The report was not saved: ${r.error.message}` });
    if (r.value.cancelled) return say(null);
    say({ error: false, text: `Saved the report as ${fileName(r.value.path)}${r.value.pages ? ` (${plural(r.value.pages, 'page')})` : ''}.` });
  }
  async function saveXlsx() {
    if (!doc) return;
    const r = await platform.inform.reportXlsx({ report: doc });
    if (!r.ok) return say({ error: true, text: `Nothing was exported: ${r.error.message}` });
    if (r.value.cancelled) return say(null);
    say({ error: false, text: `Exported the report to ${fileName(r.value.path)} (${plural(r.value.sheets.length, 'sheet')}).` });
  }
  async function mailDraft() {
    if (!doc) return;
    const addresses = to
      .split(/[,;\s]+/)
      .map((a) => a.trim())
      .filter(Boolean);
    if (addresses.length === 0) return say({ error: true, text: 'Who is the report for? Enter at least one e-mail address.' });
    say({ error: false, text: 'Preparing the PDF for the draft…' });
    const pdf = await platform.inform.reportPdfForMail({ report: doc, paper: c.paper });
    if (!pdf.ok) return say({ error: true, text: `No draft was made: ${pdf.error.message}` });
    const text = message.trim() || `Hello,\n\nAttached is the status report for ${doc.subject}, ${doc.period.from} to ${doc.period.to}: ${plural(doc.counts.open, 'open request')}, ${doc.counts.resolved} resolved in the period.\n`;
    const r = await platform.mail.draft({ to: addresses.map((address) => ({ name: '', address })), subject: `Status report: ${doc.subject}, ${doc.period.from} to ${doc.period.to}`, text, files: [{ name: pdf.value.name }], as: 'eml' });
    if (!r.ok) return say({ error: true, text: `No draft was made: ${r.error.message}` });
    setMessage('');
    say({ error: false, text: `Mail draft made with ${pdf.value.filename} attached${r.value.kind === 'eml' ? ` (${r.value.name}, in the drafts folder)` : ''}.` });
  }
  async function saveDefinition() {
    const recipients = to
      .split(/[,;\s]+/)
      .map((a) => a.trim())
      .filter(Boolean);
    const r = await inform.reports.saveDefinition(definition?.id ?? null, {
      name,
      scope: c.scope,
      scopeId: c.scopeId,
      period: c.period,
      from: c.period === 'custom' ? c.from || null : null,
      to: c.period === 'custom' ? c.to || null : null,
      sections: c.sections,
      paper: c.paper === 'A4' ? 'a4' : 'letter',
      recipients,
      repeat: recurrenceOf(c.repeat, localToday(await inform.reports.timeZone())),
    });
    if (!r.ok) return say({ error: true, text: `Not saved: ${r.error.message}${r.error.fields ? ` (${Object.values(r.error.fields).join('; ')})` : ''}` });
    dropFormDrafts('inform.report', formId);
    say({ error: false, text: `Saved “${r.value.name}”: run it again from Saved reports or the palette.` });
  }

  return (
    <div className="report-builder">
      <form onSubmit={run} aria-labelledby={`${ids}-title`} className="report-form">
        <h3 id={`${ids}-title`}>{definition ? `Saved report: ${definition.name}` : 'New status report'}</h3>
        <fieldset className="inline-fields">
          <legend>About</legend>
          {REPORT_SCOPES.map((s) => (
            <label key={s} className="radio">
              <input type="radio" name={`${ids}-scope`} checked={c.scope === s} onChange={() => (setC({ ...c, scope: s, scopeId: '' }), setFind(''))} /> {SCOPE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <div className="inline-fields">
          {list.length > 12 ? (
            <div className="field">
              <label htmlFor={`${ids}-find`}>Find {SCOPE_LABELS[c.scope].toLowerCase()}</label>
              <input id={`${ids}-find`} type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Words of the name" />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${ids}-subject`}>{SCOPE_LABELS[c.scope]}</label>
            <select id={`${ids}-subject`} value={c.scopeId} onChange={(e) => setC({ ...c, scopeId: e.target.value })} disabled={list.length === 0}>
              <option value="">{list.length === 0 ? `No ${SCOPE_LABELS[c.scope].toLowerCase()}s on this device` : `Choose…`}</option>
              {shown.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {c.scope === 'site' && s.agency ? ` (${s.agency})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-period`}>Period</label>
            <select id={`${ids}-period`} value={c.period} onChange={(e) => setC({ ...c, period: e.target.value as PeriodKind })}>
              {PERIOD_KINDS.map((p) => (
                <option key={p} value={p}>
                  {PERIOD_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          {c.period === 'custom' ? (
            <>
              <div className="field">
                <label htmlFor={`${ids}-from`}>From</label>
                <input id={`${ids}-from`} type="date" value={c.from} onChange={(e) => setC({ ...c, from: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-to`}>To</label>
                <input id={`${ids}-to`} type="date" value={c.to} onChange={(e) => setC({ ...c, to: e.target.value })} />
              </div>
            </>
          ) : null}
        </div>
        <fieldset className="inline-fields">
          <legend>Sections</legend>
          {SECTION_ORDER.map((s) => (
            <label key={s} className="radio">
              <input type="checkbox" checked={c.sections.includes(s)} onChange={(e) => setC({ ...c, sections: e.target.checked ? REPORT_SECTIONS.filter((x) => x === s || c.sections.includes(x)) : c.sections.filter((x) => x !== s) })} />{' '}
              {SECTION_LABELS[s]}
            </label>
          ))}
        </fieldset>
        {problem ? (
          <p role="alert" className="field-error">
            {problem}
          </p>
        ) : null}
        <div className="toolbar">
          <button type="submit" className="primary" disabled={running}>
            {running ? 'Making the report…' : 'Run report'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>

      {doc ? (
        <section className="report-result" aria-labelledby={`${ids}-result`}>
          <h3 id={`${ids}-result`} tabIndex={-1} ref={resultRef}>
            {doc.title}
          </h3>
          <p className="muted">
            {SCOPE_LABELS[doc.scope]}: {doc.subject}
            {doc.agency && doc.agency !== doc.subject ? ` (${doc.agency})` : ''} · {doc.period.from} to {doc.period.to} · times in {doc.timeZone}
          </p>
          <div className="toolbar report-actions" role="group" aria-label="Save or send the report">
            <PaperSelect value={c.paper} onChange={(paper) => setC({ ...c, paper })} />
            <button type="button" onClick={() => void savePdf()}>
              Save as PDF
            </button>
            <button type="button" onClick={() => void saveXlsx()}>
              Export to Excel
            </button>
          </div>
          <div className="inline-fields report-mail">
            <div className="field">
              <label htmlFor={`${ids}-to-field`}>Mail to</label>
              <input id={`${ids}-to-field`} type="text" inputMode="email" value={to} onChange={(e) => setTo(e.target.value)} placeholder="name@agency.gov, …" aria-describedby={`${ids}-to-hint`} />
              <p className="field-hint" id={`${ids}-to-hint`}>
                Addresses, separated by commas. The draft opens in your mail program with the PDF attached.
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-message`}>Message (optional)</label>
              <textarea id={`${ids}-message`} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
            <button type="button" onClick={() => void mailDraft()}>
              Mail draft with the PDF
            </button>
          </div>
          <div className="inline-fields report-save">
            <div className="field">
              <label htmlFor={`${ids}-name`}>Save as</label>
              <input id={`${ids}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Eastside monthly" maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-repeat`}>Repeats</label>
              <select id={`${ids}-repeat`} value={c.repeat.freq} onChange={(e) => setC({ ...c, repeat: { ...c.repeat, freq: e.target.value as Repeat['freq'] } })}>
                <option value="none">On demand</option>
                <option value="weekly">Every week</option>
                <option value="monthly">Every month</option>
              </select>
            </div>
            {c.repeat.freq === 'weekly' ? (
              <div className="field">
                <label htmlFor={`${ids}-weekday`}>On</label>
                <select id={`${ids}-weekday`} value={c.repeat.weekday} onChange={(e) => setC({ ...c, repeat: { ...c.repeat, weekday: e.target.value as Weekday } })}>
                  {[...WEEKDAYS.slice(1), WEEKDAYS[0]].map((w) => (
                    <option key={w} value={w}>
                      {WEEKDAY_LABELS[w]}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {c.repeat.freq === 'monthly' ? (
              <div className="field">
                <label htmlFor={`${ids}-monthday`}>On day</label>
                <select id={`${ids}-monthday`} value={c.repeat.monthDay} onChange={(e) => setC({ ...c, repeat: { ...c.repeat, monthDay: Number(e.target.value) } })}>
                  {Array.from({ length: 28 }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                  <option value={-1}>Last day</option>
                </select>
              </div>
            ) : null}
            <button type="button" onClick={() => void saveDefinition()}>
              {definition ? 'Save changes to this report' : 'Save this report'}
            </button>
          </div>
          <p role={feedback?.error ? 'alert' : 'status'} data-testid="report-feedback" className={feedback?.error ? 'field-error' : ''}>
            {feedback?.text ?? ''}
          </p>
          <ReportPreview doc={doc} />
        </section>
      ) : null}
    </div>
  );
}

function OpenTable({ rows, caption, empty }: { rows: OpenRowDoc[]; caption: string; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table report-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Age (days)</th>
            <th scope="col">SLA</th>
            <th scope="col">Last update sent</th>
            <th scope="col">Requester</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PREVIEW_ROWS).map((r) => (
            <tr key={r.number}>
              <td>{r.number}</td>
              <td>{r.title}</td>
              <td>{r.status}</td>
              <td>{r.priority}</td>
              <td className="num">{r.ageDays}</td>
              <td className={r.sla === 'breached' ? 'sla-breached' : ''}>{r.sla}</td>
              <td>{r.lastUpdate ? r.lastUpdate.replace('T', ' ') : 'None sent'}</td>
              <td>{r.requester}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > PREVIEW_ROWS ? <p className="muted">And {plural(rows.length - PREVIEW_ROWS, 'more request')}, in the PDF and the workbook.</p> : null}
    </div>
  );
}

function ReportPreview({ doc }: { doc: StatusReportDoc }) {
  const chart = useMemo(() => trendChartSvg(doc.trend, { id: 'screen-trend', width: 520, height: 160 }), [doc.trend]);
  return (
    <div className="report-preview">
      {doc.sections.map((s) => (
        <section key={s} aria-labelledby={`section-${s}`}>
          <h4 id={`section-${s}`}>{SECTION_LABELS[s]}</h4>
          {s === 'counts' ? (
            <>
              <dl className="report-counts">
                {(
                  [
                    ['Open now', doc.counts.open],
                    ['Opened in the period', doc.counts.opened],
                    ['Resolved in the period', doc.counts.resolved],
                    ['Breached in the period', doc.counts.breached],
                    ['Waiting on the customer', doc.counts.waiting],
                  ] as const
                ).map(([l, v]) => (
                  <div key={l}>
                    <dt>{l}</dt>
                    <dd>{v.toLocaleString()}</dd>
                  </div>
                ))}
              </dl>
              {/* The chart is built by escaping every text it holds (shared/inform/report-output.ts); its words are below it too. */}
              <figure className="report-chart">
                <div dangerouslySetInnerHTML={{ __html: chart }} />
                <figcaption>{trendSummary(doc.trend)}</figcaption>
              </figure>
            </>
          ) : null}
          {s === 'open' ? <OpenTable rows={doc.open} caption="Open requests" empty="No open requests." /> : null}
          {s === 'waiting' ? <OpenTable rows={doc.waiting} caption="Waiting on the customer" empty="Nothing is waiting on the customer." /> : null}
          {s === 'resolved' ? (
            doc.resolved.length === 0 ? (
              <p className="muted">Nothing was resolved in the period.</p>
            ) : (
              <div className="table-scroll" role="region" aria-label="Resolved in the period" tabIndex={0}>
                <table className="data-table report-table">
                  <thead>
                    <tr>
                      <th scope="col">Ticket</th>
                      <th scope="col">Title</th>
                      <th scope="col">Priority</th>
                      <th scope="col">Resolved</th>
                      <th scope="col">Resolution</th>
                    </tr>
                  </thead>
                  <tbody>
                    {doc.resolved.slice(0, PREVIEW_ROWS).map((r) => (
                      <tr key={r.number}>
                        <td>{r.number}</td>
                        <td>{r.title}</td>
                        <td>{r.priority}</td>
                        <td>{r.resolved.replace('T', ' ')}</td>
                        <td>{[r.resolutionCode, r.resolution].filter(Boolean).join(' — ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          ) : null}
          {s === 'training' ? (
            doc.training.length === 0 ? (
              <p className="muted">{doc.scope === 'agency' || doc.scope === 'site' ? 'No training was held in the period.' : 'Training is reported for an agency or a site.'}</p>
            ) : (
              <ul>
                {doc.training.map((t, i) => (
                  <li key={i}>
                    {t.date}: {t.title} ({t.status}, {plural(t.attendees, 'attendee')})
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
      ))}
    </div>
  );
}
