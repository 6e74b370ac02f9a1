import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Person } from '../../../../../shared/people/schema';
import { CHANNELS, LABELS, LEVELS, TICKET_TYPES, type Channel, type Level, type TicketType } from '../../../../../shared/tickets/enums';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { priorityFor } from '../../../../../shared/tickets/priority';
import { useUi } from '../../../app/ui-store';
import { NewTicketSuggestions } from '../../inform/NewTicketSuggestions';
import { DraftNotice } from '../../../ui/DraftNotice';
import { draftKey, drafts } from '../../../ui/drafts';
import { ErrorSummary, useErrorSummary } from '../../../ui/ErrorSummary';
import { Field } from '../../../ui/Field';
import { useDraft } from '../../../ui/useDraft';
import { SelectField, TextAreaField } from '../fields';
import { goToList, goToTicket } from '../route';
import type { Desk } from '../useDesk';
import { REQUESTER_DRAFT, RequesterPicker } from './RequesterPicker';

interface Draft {
  type: TicketType;
  title: string;
  description: string;
  siteId: string;
  systemId: string;
  category: string;
  channel: Channel;
  tags: string;
  impact: Level;
  urgency: Level;
  teamId: string;
  requester: Person | null;
}

const EMPTY: Draft = { type: 'incident', title: '', description: '', siteId: '', systemId: '', category: '', channel: 'phone', tags: '', impact: 'medium', urgency: 'medium', teamId: '', requester: null };

/**
 * The create form, built for the phone: requester first (look-up or add),
 * then title and details; the priority follows from impact × urgency and the
 * routing rules suggest a team as the fields are filled. Ctrl+Enter saves,
 * Esc goes back. The repository validates; its messages appear beside the fields.
 */
export function CreateTicket({ desk }: { desk: Desk }) {
  const announce = useUi((s) => s.announce);
  // The form is a draft until the ticket is created: leaving it (Esc, another screen, closing the window) keeps it for next time.
  const draft = useDraft(draftKey('ticket.new', 'new'), EMPTY);
  const d = draft.values;
  const requester = d.requester;
  const formRef = useRef<HTMLFormElement>(null);
  // Picking a requester replaces the look-up box; focus goes on to the title instead of falling to the page.
  const setRequester = (p: Person | null) => {
    draft.set({ requester: p });
    if (p) requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus());
  };
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [saving, setSaving] = useState(false);
  const summary = useErrorSummary();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => draft.set({ [k]: v } as Partial<Draft>);
  const system = desk.catalog.systems.find((s) => s.id === d.systemId);
  const route = useLiveQuery(() => desk.repos.catalog.suggestRoute({ systemId: d.systemId || null, category: d.category || null, siteId: d.siteId || null }), [desk.repos, d.systemId, d.category, d.siteId]);
  const routeTeam = route ? desk.catalog.teams.find((t) => t.id === route.teamId) : undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        goToList();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    setSaving(true);
    // Created: the draft goes, unless the form was typed into while it saved (then that stays, a draft).
    const res = await draft.save((v) =>
      desk.repos.tickets.create({
        type: v.type,
        title: v.title,
        description: v.description,
        requesterId: v.requester?.id ?? '',
        siteId: v.siteId || null,
        systemId: v.systemId || null,
        category: v.category,
        channel: v.channel,
        tags: v.tags.split(',').map((x) => x.trim()).filter(Boolean),
        impact: v.impact,
        urgency: v.urgency,
        teamId: v.teamId || null,
      }),
    );
    setSaving(false);
    if (!res.ok) {
      setErrors(res.error.fields ?? {});
      setFormError(res.error.fields ? '' : res.error.message);
      summary.failed();
      return;
    }
    announce(`Created ${res.value.ticket.number}`);
    goToTicket(res.value.ticket.id);
  };

  return (
    <div className="screen ticket-create">
      <header className="screen-header">
        <h1>New ticket</h1>
        <p className="muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves · <kbd>Esc</kbd> goes back
        </p>
      </header>
      <form
        ref={formRef}
        className="panel"
        aria-label="New ticket"
        noValidate
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      >
        <ErrorSummary errors={errors} attempt={summary.attempt} message={formError || undefined} />
        <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="new ticket" />
        <RequesterPicker desk={desk} value={requester} onChange={setRequester} error={errors.requesterId} />
        <Field label="Title" name="title" value={d.title} error={errors.title} maxLength={LIMITS.title * 2} onChange={(e) => set('title', e.target.value)} />
        <TextAreaField label="Description" rows={5} value={d.description} error={errors.description} hint={`Up to ${LIMITS.description.toLocaleString('en-US')} characters`} onChange={(e) => set('description', e.target.value)} />
        <div className="form-grid">
          <SelectField label="Type" value={d.type} onChange={(e) => set('type', e.target.value as TicketType)} error={errors.type}>
            {TICKET_TYPES.map((t) => (
              <option key={t} value={t}>
                {LABELS.type[t]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Channel" value={d.channel} onChange={(e) => set('channel', e.target.value as Channel)} error={errors.channel}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {LABELS.channel[c]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Site" value={d.siteId} onChange={(e) => set('siteId', e.target.value)} error={errors.siteId}>
            <option value="">—</option>
            {desk.catalog.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="System" value={d.systemId} onChange={(e) => set('systemId', e.target.value)} error={errors.systemId}>
            <option value="">—</option>
            {desk.catalog.systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <Field label="Category" list="ticket-categories" value={d.category} error={errors.category} onChange={(e) => set('category', e.target.value)} />
          <datalist id="ticket-categories">
            {(system?.categories ?? []).map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <SelectField label="Impact" value={d.impact} onChange={(e) => set('impact', e.target.value as Level)} error={errors.impact}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LABELS.level[l]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Urgency" value={d.urgency} onChange={(e) => set('urgency', e.target.value as Level)} error={errors.urgency}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LABELS.level[l]}
              </option>
            ))}
          </SelectField>
          <Field label="Tags" hint="Comma separated" value={d.tags} error={errors.tags ?? errors['tags.0']} onChange={(e) => set('tags', e.target.value)} />
          <SelectField label="Team" value={d.teamId} onChange={(e) => set('teamId', e.target.value)} error={errors.teamId}>
            <option value="">{routeTeam ? `Suggested: ${routeTeam.name}` : 'No team'}</option>
            {desk.catalog.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="route-hint" role="status">
          Priority <strong>{priorityFor(d.impact, d.urgency)}</strong>
          {routeTeam && !d.teamId ? (
            <>
              {' '}
              · routes to <strong>{routeTeam.name}</strong> by rule “{route?.ruleName}”
            </>
          ) : null}
        </p>
        <NewTicketSuggestions title={d.title} description={d.description} systemId={d.systemId} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            Create ticket
          </button>
          <button type="button" onClick={() => (draft.discard(), drafts.drop(REQUESTER_DRAFT), goToList())}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
