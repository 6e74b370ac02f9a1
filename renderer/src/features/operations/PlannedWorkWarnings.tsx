import { useLiveQuery } from 'dexie-react-hooks';
import { occurrenceId } from '../../../../shared/operations/ids';
import { planWarnings } from '../../../../shared/operations/rules';
import { opsHref } from './ops-route';
import { formatInstant, useNames, useOpsRepos } from './useOps';

const HOUR = 3_600_000;

/**
 * On a scheduled maintenance ticket: when the work is planned, from which schedule, and a warning when that
 * falls outside the system's maintenance windows or inside a freeze (or on another change of the system).
 */
export function PlannedWorkWarnings({ ticketId, systemId }: { ticketId: string; systemId: string | null }) {
  const repos = useOpsRepos();
  const names = useNames();
  const data = useLiveQuery(async () => {
    const m = /^mt:([^:]+):(\d{4}-\d{2}-\d{2})$/.exec(ticketId);
    if (!m) return null;
    const occ = await repos.tables.occurrences.get(occurrenceId(m[1]!, m[2]!));
    if (!occ) return null;
    const schedule = await repos.tables.schedules.get(occ.scheduleId);
    return { occ, schedule: schedule ?? null, windows: await repos.windows.list(), changes: await repos.changes.list() };
  }, [repos, ticketId]);
  if (!data || !names) return null;
  const start = Date.parse(data.occ.plannedAt);
  const warnings = systemId ? planWarnings({ start, end: start + HOUR, systemIds: [systemId] }, data.windows, data.changes, names.system) : [];
  return (
    <section className="planned-work" aria-label="Scheduled maintenance">
      <p>
        Scheduled maintenance for {formatInstant(data.occ.plannedAt, data.schedule?.timeZone)}
        {data.schedule ? (
          <>
            {' '}
            from <a href={opsHref({ view: 'schedule', id: data.schedule.id })}>{data.schedule.name}</a>
          </>
        ) : null}
        .
      </p>
      {warnings.length > 0 ? (
        <ul className="ops-warnings" aria-label="Planned work warnings">
          {warnings.map((w) => (
            <li key={w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
