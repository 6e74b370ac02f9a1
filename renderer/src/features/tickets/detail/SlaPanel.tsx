import { useEffect, useState } from 'react';
import type { CalendarSpec } from '../../../../../shared/tickets/calendar';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { slaState, type SlaClock, type SlaPolicy } from '../../../../../shared/tickets/sla';
import { formatMinutes, formatWhen } from '../labels';

function ClockLine({ label, c }: { label: string; c: SlaClock }) {
  let state: string;
  let cls = 'sla';
  if (!c.applicable) state = 'Not applicable (cancelled)';
  else if (c.stoppedAt) {
    state = c.met ? `Met at ${formatWhen(c.stoppedAt)}` : `Missed (done ${formatWhen(c.stoppedAt)})`;
    cls = c.met ? 'sla sla-met' : 'sla sla-breached';
  } else if (c.paused) {
    state = `Paused · ${formatMinutes(c.remainingMinutes)} left`;
    cls = 'sla sla-paused';
  } else if (c.breached) {
    state = `Breached ${formatMinutes(-c.remainingMinutes)} ago (business time)`;
    cls = 'sla sla-breached';
  } else {
    state = `${formatMinutes(c.remainingMinutes)} left · due ${formatWhen(c.due)}`;
    if (c.atRisk) cls = 'sla sla-risk';
  }
  return (
    <div className="sla-line">
      <dt>{label}</dt>
      <dd className={cls} data-testid={`sla-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {state}
      </dd>
    </div>
  );
}

/** The SLA countdown: both clocks in business time, re-read every 30 seconds. */
export function SlaPanel({ ticket, policy, calendar }: { ticket: Ticket; policy: SlaPolicy | null; calendar: CalendarSpec | null }) {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => clearInterval(h);
  }, []);
  if (!policy || !calendar)
    return (
      <section className="panel" aria-label="SLA">
        <h2>SLA</h2>
        <p className="muted">No SLA policy applies (add one, or load sample data).</p>
      </section>
    );
  const s = slaState(ticket, policy, calendar, now);
  return (
    <section className="panel" aria-label="SLA">
      <h2>SLA · {policy.name}</h2>
      <dl className="sla-clocks">
        <ClockLine label="First response" c={s.firstResponse} />
        <ClockLine label="Resolution" c={s.resolution} />
      </dl>
    </section>
  );
}
