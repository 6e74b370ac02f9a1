import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Result } from '../../../../../shared/result';
import { LABELS, MAX_ESCALATION, PENDING_REASONS, PRIORITIES, RESOLUTION_CODES, type PendingReason, type Priority, type ResolutionCode } from '../../../../../shared/tickets/enums';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { nextStatuses } from '../../../../../shared/tickets/transitions';
import { useUi } from '../../../app/ui-store';
import { DraftNotice } from '../../../ui/DraftNotice';
import { draftKey } from '../../../ui/drafts';
import { ErrorSummary, useErrorSummary } from '../../../ui/ErrorSummary';
import { Field } from '../../../ui/Field';
import { useDraft, useDraftState } from '../../../ui/useDraft';
import { SelectField, TextAreaField } from '../fields';
import { RESOLUTION_LABELS } from '../labels';
import type { Desk } from '../useDesk';
import { NumberChoice, useNumberChoice } from './NumberChoice';
import { useTicketActionRequest } from './action-request';

type Panel = 'pending' | 'resolve' | 'escalate' | 'priority' | 'merge' | null;

/**
 * The ticket's actions. Which ones are offered comes from the one transition
 * rule (nextStatuses); actions that need more (a pending reason, a
 * resolution, an escalation reason) open a small form. Refusals from the
 * rules appear beside the fields or in the message line; nothing is written.
 */
export function Actions({ desk, ticket }: { desk: Desk; ticket: Ticket }) {
  const announce = useUi((s) => s.announce);
  const [panel, setPanel] = useState<Panel>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const summary = useErrorSummary();
  const next = nextStatuses(ticket.status);
  const active = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending';

  const run = async (label: string, action: () => Promise<Result<unknown>>) => {
    const res = await action();
    if (!res.ok) {
      setErrors(res.error.fields ?? {});
      setMessage(res.error.message);
      summary.failed();
      return false;
    }
    setErrors({});
    setMessage('');
    setPanel(null);
    announce(`${ticket.number}: ${label}`);
    return true;
  };
  const open = (p: Panel) => {
    setPanel(panel === p ? null : p);
    setErrors({});
    setMessage('');
  };
  // Asked from the command palette (features/tickets/detail/ticket-commands.ts): open that form, its first field focused.
  const asked = useTicketActionRequest((s) => s.asked);
  const [seenAsk, setSeenAsk] = useState(asked);
  if (asked !== seenAsk) {
    setSeenAsk(asked);
    if (asked && asked.ticketId === ticket.id) {
      setPanel(asked.panel);
      setErrors({});
      setMessage('');
    }
  }
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!asked || asked.ticketId !== ticket.id) return;
    // On the next frame: the palette that asked gives focus back to where it was as it closes; this comes after.
    const frame = requestAnimationFrame(() => section.current?.querySelector<HTMLElement>('.action-form select, .action-form input, .action-form textarea')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [asked, ticket.id]);
  // Esc inside an action's form (or on its button while it is open) closes that form only, back on its button.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || !panel || e.defaultPrevented) return;
    e.preventDefault();
    const opener = section.current?.querySelector<HTMLElement>(`[data-panel="${panel}"]`);
    setPanel(null);
    opener?.focus();
  };
  const go = (to: Ticket['status'], label: string) => run(label, () => desk.repos.tickets.transition(ticket.id, to));
  if (next.length === 0)
    return (
      <p className="muted final-note">
        This ticket is {LABELS.status[ticket.status].toLowerCase()}: it stays as the record of what was done. If the problem comes back, open a new ticket and link it to this one.
      </p>
    );

  return (
    <section className="panel" aria-label="Actions" ref={section} onKeyDown={onKeyDown}>
      <div className="action-bar">
        {ticket.status === 'new' ? (
          <button
            type="button"
            className="primary"
            onClick={() =>
              run('triaged', async () => {
                // Triage: take it (if nobody has) and open it.
                if (!ticket.assigneeId && desk.actor) {
                  const a = await desk.repos.tickets.edit(ticket.id, { assigneeId: desk.actor.id });
                  if (!a.ok) return a;
                }
                return desk.repos.tickets.transition(ticket.id, 'open');
              })
            }
          >
            Triage (take and open)
          </button>
        ) : null}
        {next.includes('open') && ticket.status === 'pending' ? (
          <button type="button" onClick={() => go('open', 'resumed')}>
            Resume
          </button>
        ) : null}
        {next.includes('open') && ticket.status === 'resolved' ? (
          <button type="button" onClick={() => go('open', 'reopened')}>
            Reopen
          </button>
        ) : null}
        {next.includes('pending') ? (
          <button type="button" data-panel="pending" aria-expanded={panel === 'pending'} onClick={() => open('pending')}>
            Set pending…
          </button>
        ) : null}
        {next.includes('resolved') ? (
          <button type="button" data-panel="resolve" aria-expanded={panel === 'resolve'} onClick={() => open('resolve')}>
            Resolve…
          </button>
        ) : null}
        {next.includes('closed') ? (
          <button type="button" onClick={() => go('closed', 'closed')}>
            Close
          </button>
        ) : null}
        {active ? (
          <button type="button" data-panel="escalate" aria-expanded={panel === 'escalate'} onClick={() => open('escalate')}>
            Escalate…
          </button>
        ) : null}
        {active ? (
          <button type="button" data-panel="priority" aria-expanded={panel === 'priority'} onClick={() => open('priority')}>
            Override priority…
          </button>
        ) : null}
        {ticket.status !== 'closed' && ticket.status !== 'cancelled' ? (
          <button type="button" data-panel="merge" aria-expanded={panel === 'merge'} onClick={() => open('merge')}>
            Merge into…
          </button>
        ) : null}
        {next.includes('cancelled') ? (
          <button type="button" className="danger" onClick={() => confirm(`Cancel ${ticket.number}? A cancelled ticket is final.`) && go('cancelled', 'cancelled')}>
            Cancel ticket
          </button>
        ) : null}
      </div>
      {/* Above the open form: lists its refused fields (or the rule's message), focused on each refusal. */}
      <ErrorSummary errors={errors} attempt={summary.attempt} message={Object.keys(errors).length ? undefined : message || undefined} />
      {panel === 'pending' ? <PendingForm onSubmit={(reason) => run('set to pending', () => desk.repos.tickets.transition(ticket.id, 'pending', { pendingReason: reason }))} /> : null}
      {panel === 'resolve' ? (
        <ResolveForm ticketId={ticket.id} errors={errors} onSubmit={(resolution) => run('resolved', () => desk.repos.tickets.transition(ticket.id, 'resolved', { resolution }))} />
      ) : null}
      {panel === 'escalate' ? (
        <EscalateForm
          ticketId={ticket.id}
          current={ticket.escalationLevel}
          errors={errors}
          onSubmit={(toLevel, reason) => run(`escalated to level ${toLevel}`, () => desk.repos.tickets.escalate(ticket.id, { toLevel, reason }))}
          onDeEscalate={
            ticket.escalationLevel > 0 ? (reason) => run('de-escalated', () => desk.repos.tickets.deEscalate(ticket.id, { reason })) : undefined
          }
        />
      ) : null}
      {panel === 'priority' ? (
        <PriorityForm
          ticketId={ticket.id}
          errors={errors}
          current={ticket.priority}
          overridden={ticket.priorityOverride !== null}
          onSubmit={(priority, reason) => run(`priority ${priority}`, () => desk.repos.tickets.overridePriority(ticket.id, { priority, reason }))}
          onClear={() => run('priority from the matrix', () => desk.repos.tickets.clearPriorityOverride(ticket.id))}
        />
      ) : null}
      {panel === 'merge' ? (
        <MergeForm
          ticketId={ticket.id}
          find={(number) => desk.repos.links.ticketsNumbered(number, ticket.id)}
          onNotFound={(number) => setMessage(`No ticket ${number.trim() || '(empty)'} on this device.`)}
          onMerge={(target) => run(`merged into ${target.number}`, () => desk.repos.links.merge(ticket.id, target.id))}
        />
      ) : null}
    </section>
  );
}

function SubForm({ label, onSubmit, children }: { label: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="action-form"
      aria-label={label}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

function PendingForm({ onSubmit }: { onSubmit: (r: PendingReason) => void }) {
  const [reason, setReason] = useState<PendingReason>('waiting_on_requester');
  return (
    <SubForm label="Set pending" onSubmit={() => onSubmit(reason)}>
      <SelectField label="Pending reason" value={reason} onChange={(e) => setReason(e.target.value as PendingReason)}>
        {PENDING_REASONS.map((r) => (
          <option key={r} value={r}>
            {LABELS.pendingReason[r]}
          </option>
        ))}
      </SelectField>
      <p className="field-hint">The SLA clock stops while the ticket is pending.</p>
      <button type="submit" className="primary">
        Set pending
      </button>
    </SubForm>
  );
}

function ResolveForm({ ticketId, errors, onSubmit }: { ticketId: string; errors: Record<string, string>; onSubmit: (r: { code: ResolutionCode; text: string; rootCause: string }) => Promise<boolean> }) {
  // Typed text stays a draft until the ticket is resolved: closing the form or leaving the ticket keeps it.
  const draft = useDraft(draftKey('ticket.resolve', ticketId), { code: 'fixed' as ResolutionCode, text: '', rootCause: '' });
  const [code, setCode] = draft.field('code');
  const [text, setText] = draft.field('text');
  const [rootCause, setRootCause] = draft.field('rootCause');
  return (
    <SubForm label="Resolve" onSubmit={() => void draft.save(onSubmit)}>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="resolution" />
      <SelectField label="Resolution code" value={code} error={errors.code} onChange={(e) => setCode(e.target.value as ResolutionCode)}>
        {RESOLUTION_CODES.map((c) => (
          <option key={c} value={c}>
            {RESOLUTION_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Resolution" rows={3} value={text} error={errors.text ?? errors.resolution} onChange={(e) => setText(e.target.value)} />
      <TextAreaField label="Root cause" rows={2} value={rootCause} error={errors.rootCause} onChange={(e) => setRootCause(e.target.value)} />
      <button type="submit" className="primary">
        Resolve
      </button>
    </SubForm>
  );
}

function EscalateForm({
  ticketId,
  current,
  errors,
  onSubmit,
  onDeEscalate,
}: {
  ticketId: string;
  current: number;
  errors: Record<string, string>;
  onSubmit: (level: number, reason: string) => Promise<boolean>;
  onDeEscalate: ((reason: string) => Promise<boolean>) | undefined;
}) {
  const draft = useDraft(draftKey('ticket.escalate', ticketId), { level: Math.min(current + 1, MAX_ESCALATION), reason: '' });
  const [level, setLevel] = draft.field('level');
  const [reason, setReason] = draft.field('reason');
  return (
    <SubForm label="Escalate" onSubmit={() => void draft.save((v) => onSubmit(v.level, v.reason))}>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="escalation" />
      <SelectField label="Escalation level" value={String(level)} error={errors.toLevel} onChange={(e) => setLevel(Number(e.target.value))}>
        {[1, 2, 3].map((n) => (
          <option key={n} value={n} disabled={n <= current}>
            Level {n}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Escalation reason" rows={2} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={current >= MAX_ESCALATION}>
          Escalate
        </button>
        {onDeEscalate ? (
          <button type="button" onClick={() => void draft.save((v) => onDeEscalate(v.reason))}>
            De-escalate one level
          </button>
        ) : null}
      </div>
    </SubForm>
  );
}

function PriorityForm({
  ticketId,
  errors,
  current,
  overridden,
  onSubmit,
  onClear,
}: {
  ticketId: string;
  errors: Record<string, string>;
  current: Priority;
  overridden: boolean;
  onSubmit: (p: Priority, reason: string) => Promise<boolean>;
  onClear: () => void;
}) {
  const draft = useDraft(draftKey('ticket.priority', ticketId), { priority: current, reason: '' });
  const [priority, setPriority] = draft.field('priority');
  const [reason, setReason] = draft.field('reason');
  return (
    <SubForm label="Override priority" onSubmit={() => void draft.save((v) => onSubmit(v.priority, v.reason))}>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="override" />
      <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
        {PRIORITIES.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </SelectField>
      <Field label="Reason for the override" value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary">
          Override
        </button>
        {overridden ? (
          <button type="button" onClick={onClear}>
            Use the matrix again
          </button>
        ) : null}
      </div>
    </SubForm>
  );
}

function MergeForm({ ticketId, find, onNotFound, onMerge }: { ticketId: string; find: (number: string) => Promise<Ticket[]>; onNotFound: (number: string) => void; onMerge: (target: Ticket) => void }) {
  const [number, setNumber] = useDraftState('ticket.merge', ticketId, 'number', '');
  const choice = useNumberChoice(find, (target: Ticket) => (setNumber(''), onMerge(target)), onNotFound);
  return (
    <SubForm label="Merge into another ticket" onSubmit={() => void choice.lookUp(number)}>
      <Field label="Ticket this one duplicates" hint="Its number, such as KX7Q-00042. This ticket is closed and its work log copied there." value={number} onChange={(e) => setNumber(e.target.value)} />
      <button type="submit" className="primary">
        Merge
      </button>
      {choice.choices.length > 0 ? <NumberChoice tickets={choice.choices} action="Merge into" onPick={choice.pick} onCancel={choice.cancel} /> : null}
    </SubForm>
  );
}
