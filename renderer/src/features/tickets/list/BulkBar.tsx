import { useState, type FormEvent } from 'react';
import { draftKey } from '../../../ui/drafts';
import { DraftNotice } from '../../../ui/DraftNotice';
import { useDraft } from '../../../ui/useDraft';
import { LABELS, PENDING_REASONS, PRIORITIES, STATUSES, type PendingReason, type Status } from '../../../../../shared/tickets/enums';
import type { BulkChange } from '../../../data/repositories/tickets/tickets';
import { useUi } from '../../../app/ui-store';
import { useTicketsUi } from '../store';
import type { Desk } from '../useDesk';

const BULK_START = {
  assignee: '',
  team: '',
  status: '',
  pendingReason: 'waiting_on_requester' as PendingReason,
  resolutionText: '',
  priority: '',
  reason: '',
  tags: '',
};

/** One change to every selected ticket: assign, team, status, priority (with a reason), tags. */
export function BulkBar({ desk }: { desk: Desk }) {
  const { selected, setSelected } = useTicketsUi();
  const announce = useUi((s) => s.announce);
  // The choices and the typed text (a resolution, a reason, tags) are a draft until applied: leaving the list,
  // clearing the selection or closing the window keeps them, and they come back with the next selection.
  const draft = useDraft(draftKey('tickets.bulk', 'selection'), BULK_START);
  const [assignee, setAssignee] = draft.field('assignee');
  const [team, setTeam] = draft.field('team');
  const [status, setStatus] = draft.field('status');
  const [pendingReason, setPendingReason] = draft.field('pendingReason');
  const [resolutionText, setResolutionText] = draft.field('resolutionText');
  const [priority, setPriority] = draft.field('priority');
  const [reason, setReason] = draft.field('reason');
  const [tags, setTags] = draft.field('tags');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  if (selected.size === 0) return null;

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    // What is applied: the choices as they are now (what is typed while it applies stays a draft).
    const saving = draft.saving();
    const me = desk.actor?.id ?? null;
    const change: BulkChange = {};
    if (assignee) change.assigneeId = assignee === 'none' ? null : assignee === 'me' ? me : assignee;
    if (team) change.teamId = team === 'none' ? null : team;
    if (status) {
      change.status = status as Status;
      if (status === 'pending') change.pendingReason = pendingReason;
      if (status === 'resolved') change.resolution = { code: 'fixed', text: resolutionText };
    }
    if (priority) change.priority = { priority: priority as 'P1', reason };
    const add = tags.split(',').map((x) => x.trim()).filter(Boolean);
    if (add.length) change.addTags = add;
    if (Object.keys(change).length === 0) return setMessage({ error: true, text: 'Choose a change to apply.' });
    const res = await desk.repos.tickets.bulkEdit([...selected], change);
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    const skipped = res.value.skipped;
    const text = `Updated ${res.value.changed} ticket${res.value.changed === 1 ? '' : 's'}.${skipped.length ? ` Skipped ${skipped.length}: ${skipped.slice(0, 3).map((s) => `${s.number} (${s.message})`).join('; ')}` : ''}`;
    setMessage({ error: false, text });
    announce(text);
    // Applied: nothing left to keep (a skipped ticket keeps the choices on screen, to try again).
    if (skipped.length === 0) {
      draft.done(saving, { reset: true });
      setSelected([]);
    } else draft.done(saving);
  };

  return (
    <form className="bulk-bar panel" aria-label="Bulk edit" onSubmit={apply}>
      <strong>{selected.size} selected</strong>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="bulk changes" />
      <select aria-label="Assign selected to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
        <option value="">Assign…</option>
        <option value="me">Me</option>
        <option value="none">Nobody (unassign)</option>
        {desk.catalog.staff.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select aria-label="Move selected to team" value={team} onChange={(e) => setTeam(e.target.value)}>
        <option value="">Team…</option>
        <option value="none">No team</option>
        {desk.catalog.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <select aria-label="Set status of selected" value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">Status…</option>
        {STATUSES.filter((s) => s !== 'new').map((s) => (
          <option key={s} value={s}>
            {LABELS.status[s]}
          </option>
        ))}
      </select>
      {status === 'pending' ? (
        <select aria-label="Pending reason for selected" value={pendingReason} onChange={(e) => setPendingReason(e.target.value as PendingReason)}>
          {PENDING_REASONS.map((r) => (
            <option key={r} value={r}>
              {LABELS.pendingReason[r]}
            </option>
          ))}
        </select>
      ) : null}
      {status === 'resolved' ? <input aria-label="Resolution for selected" placeholder="Resolution" value={resolutionText} onChange={(e) => setResolutionText(e.target.value)} /> : null}
      <select aria-label="Set priority of selected" value={priority} onChange={(e) => setPriority(e.target.value)}>
        <option value="">Priority…</option>
        {PRIORITIES.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      {priority ? <input aria-label="Reason for the priority change" placeholder="Why (required)" value={reason} onChange={(e) => setReason(e.target.value)} /> : null}
      <input aria-label="Add tags to selected" placeholder="Add tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      <button type="submit" className="primary">
        Apply to {selected.size}
      </button>
      <button type="button" onClick={() => setSelected([])}>
        Clear selection
      </button>
      {message ? (
        <p className={message.error ? 'form-error' : 'bulk-result'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
