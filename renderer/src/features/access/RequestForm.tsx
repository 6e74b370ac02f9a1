import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { checkDates, defaultEndDate, maxDaysOf, addDays, sodConflicts, describeConflict } from '../../../../shared/access/rules';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { useDraft } from '../../ui/useDraft';
import { goToAccess, type AccessRoute } from './route';
import { useAccessRepos, useLookups, useMe, useToday } from './useAccess';

interface FormState {
  forPersonId: string;
  requestedBy: string;
  systemId: string;
  entitlementIds: string[];
  justification: string;
  startDate: string;
  endDate: string;
  ticketId: string;
  grantId: string;
}

/** The draft of a new request: one per ticket or grant it came from, else one for a blank form. */
export const requestDraftKey = (route: Extract<AccessRoute, { view: 'new' }>): string =>
  draftKey('access.request', route.ticket ? `ticket-${route.ticket}` : route.grant ? `grant-${route.grant}` : route.person ? `person-${route.person}` : 'new');

type Ticket = { id: string; number: string; title: string; requesterId: string; systemId: string | null };

/**
 * A new access request: for whom, which system and entitlements, why, and for
 * how long (within the entitlements' maximum). Opened from a ticket it is
 * filled in from the ticket. What is typed is a draft (kept in meta and
 * restored, with a notice, when the form opens again) until it is saved or
 * discarded.
 */
export function RequestForm({ route }: { route: Extract<AccessRoute, { view: 'new' }> }) {
  const { db } = useData();
  const today = useToday();
  const ticket = useLiveQuery(async () => (route.ticket ? ((await db.table('tickets').get(route.ticket)) as Ticket | undefined) ?? null : null), [db, route.ticket]);
  if (ticket === undefined) return <p role="status">Opening the request form…</p>;
  const initial: FormState = {
    forPersonId: route.person ?? ticket?.requesterId ?? '',
    requestedBy: ticket?.requesterId ?? route.person ?? '',
    systemId: route.system ?? ticket?.systemId ?? '',
    entitlementIds: route.entitlement ? [route.entitlement] : [],
    justification: route.why ?? (ticket ? `Ticket ${ticket.number}: ${ticket.title}` : ''),
    startDate: today,
    endDate: '',
    ticketId: ticket?.id ?? '',
    grantId: route.grant ?? '',
  };
  const key = requestDraftKey(route);
  return <RequestFormBody key={key} draftId={key} initial={initial} ticket={ticket} />;
}

function RequestFormBody({ draftId, initial, ticket }: { draftId: string; initial: FormState; ticket: Ticket | null }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const me = useMe();
  const announce = useUi((s) => s.announce);
  const draft = useDraft<FormState>(draftId, initial);
  const form = draft.values;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');

  const chosen = useMemo(() => (names && form ? form.entitlementIds.map((id) => names.entitlementById.get(id)).filter((e) => !!e) : []), [names, form]);
  const held = useLiveQuery(async () => (form?.forPersonId ? (await repos.tables.grants.where('personId').equals(form.forPersonId).toArray()).filter((g) => !g.deleted && (g.status === 'active' || g.status === 'revoking')).map((g) => g.entitlementId) : []), [repos, form?.forPersonId]);
  const rules = useLiveQuery(() => repos.tables.sodRules.toArray(), [repos]);
  if (!names || !me) return <p role="status">Opening the request form…</p>;

  const set = (patch: Partial<FormState>) => draft.set(patch);
  const systemEntitlements = names.entitlements.filter((e) => e.systemId === form.systemId).sort((a, b) => a.name.localeCompare(b.name));
  const max = maxDaysOf(chosen);
  const endShown = form.endDate || defaultEndDate(form.startDate, chosen) || '';
  const dates = chosen.length ? checkDates(form.startDate, endShown || null, chosen) : null;
  const conflicts = sodConflicts(form.entitlementIds, held ?? [], rules ?? []).map((c) => describeConflict(c, names.entitlement));
  const staffAndPeople = names.people;

  const save = async (submit: boolean) => {
    setMessage('');
    const fieldErrors: Record<string, string> = {};
    if (!form.forPersonId) fieldErrors.forPersonId = 'Choose the person';
    if (!form.requestedBy) fieldErrors.requestedBy = 'Choose who asked';
    if (!form.systemId) fieldErrors.systemId = 'Choose a system';
    if (form.entitlementIds.length === 0) fieldErrors.entitlementIds = 'Choose at least one entitlement';
    if (submit && !form.justification.trim()) fieldErrors.justification = 'Say why this access is needed';
    if (submit && dates && !dates.ok) Object.assign(fieldErrors, dates.error.fields ?? { endDate: dates.error.message });
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length) {
      setMessage('Check the highlighted fields.');
      return;
    }
    // What is saved: the form as it is now (text typed while it saves stays a draft of this form).
    const saving = form;
    const saved = await repos.requests.draft({
      forPersonId: form.forPersonId,
      requestedBy: form.requestedBy,
      systemId: form.systemId,
      entitlementIds: form.entitlementIds,
      justification: form.justification,
      startDate: form.startDate,
      endDate: endShown || null,
      ticketId: form.ticketId || null,
      grantId: form.grantId || null,
    });
    if (!saved.ok) {
      setErrors(saved.error.fields ?? {});
      setMessage(saved.error.message);
      return;
    }
    draft.done(saving);
    if (submit) {
      const sent = await repos.requests.submit(saved.value.id);
      if (!sent.ok) {
        announce(`Saved as a draft; not submitted: ${sent.error.message}`);
      } else announce('Request submitted');
    } else announce('Draft saved');
    goToAccess({ view: 'request', id: saved.value.id });
  };

  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`req-${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;
  const described = (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `req-${k}-error` } : {});

  return (
    <section aria-labelledby="new-request-title" className="panel">
      <h2 id="new-request-title">Request access</h2>
      {ticket ? (
        <p className="muted">
          From ticket <a href={`#/tickets/${ticket.id}`}>{ticket.number}</a>: {ticket.title}
        </p>
      ) : null}
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="request" />
      <form
        aria-labelledby="new-request-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save(true);
        }}
      >
        <div className="two-col">
          <div className="field">
            <label htmlFor="req-for">For whom</label>
            <select id="req-for" value={form.forPersonId} onChange={(e) => set({ forPersonId: e.target.value })} {...described('forPersonId')}>
              <option value="">Choose a person…</option>
              {staffAndPeople.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.agency ? ` (${p.agency})` : ''}
                  {names.departed.has(p.id) ? ' — departed' : ''}
                </option>
              ))}
            </select>
            {err('forPersonId')}
          </div>
          <div className="field">
            <label htmlFor="req-by">Requested by</label>
            <select id="req-by" value={form.requestedBy} onChange={(e) => set({ requestedBy: e.target.value })} {...described('requestedBy')}>
              <option value="">Choose who asked…</option>
              {staffAndPeople.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {err('requestedBy')}
          </div>
          <div className="field">
            <label htmlFor="req-system">System</label>
            <select id="req-system" value={form.systemId} onChange={(e) => set({ systemId: e.target.value, entitlementIds: [] })} {...described('systemId')}>
              <option value="">Choose a system…</option>
              {names.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {err('systemId')}
          </div>
          <fieldset className="field">
            <legend>Entitlements</legend>
            {form.systemId && systemEntitlements.length === 0 ? (
              <p className="muted">
                This system has no entitlements yet. Add them in the <a href="#/access/catalog">catalog</a>.
              </p>
            ) : null}
            {systemEntitlements.map((e) => (
              <label key={e.id} className="check">
                <input
                  type="checkbox"
                  checked={form.entitlementIds.includes(e.id)}
                  onChange={(ev) => set({ entitlementIds: ev.target.checked ? [...form.entitlementIds, e.id] : form.entitlementIds.filter((x) => x !== e.id) })}
                />
                {e.name}
                {e.maxDays ? ` (at most ${e.maxDays} days)` : ''}
                {e.signedFormRequired ? ' · signed form' : ''}
              </label>
            ))}
            {err('entitlementIds')}
          </fieldset>
        </div>
        {conflicts.length ? (
          <div className="sod" role="alert">
            <strong>Separation-of-duties conflict</strong>
            <ul>
              {conflicts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <p>The request can be submitted; the approver must accept the conflict explicitly, with a reason.</p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="req-why">Business justification (required)</label>
          <textarea id="req-why" value={form.justification} onChange={(e) => set({ justification: e.target.value })} {...described('justification')} />
          {err('justification')}
        </div>
        <div className="two-col">
          <div className="field">
            <label htmlFor="req-start">Start date</label>
            <input id="req-start" type="date" value={form.startDate} onChange={(e) => set({ startDate: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="req-end">End date</label>
            <input id="req-end" type="date" value={endShown} max={max ? addDays(form.startDate, max) : undefined} onChange={(e) => set({ endDate: e.target.value })} {...described('endDate')} aria-describedby={errors.endDate ? 'req-endDate-error' : 'req-end-hint'} />
            <p className="field-hint" id="req-end-hint">
              {max ? `At most ${max} days: ${addDays(form.startDate, max)} at the latest.` : 'No maximum; leave empty for open-ended access.'}
            </p>
            {err('endDate')}
          </div>
        </div>
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            Submit request
          </button>
          <button type="button" onClick={() => void save(false)}>
            Save as draft
          </button>
          <button
            type="button"
            onClick={() => {
              draft.discard();
              history.back();
            }}
          >
            Discard
          </button>
        </div>
      </form>
    </section>
  );
}
