import { useLiveQuery } from 'dexie-react-hooks';
import { failedRunsForMe, overdueActions } from '../../../../shared/operations/rules';
import { useData } from '../../app/data-context';
import { resolveActor } from '../../data/repositories/tickets';
import { opsHref } from './ops-route';
import { useOpsRepos } from './useOps';
import './operations.css';

const todayLocal = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Every id that is the user (the profile's person, the signed-in account's, the directory's, the device's). */
export function useMyIds(): string[] | undefined {
  const { db } = useData();
  return useLiveQuery(async () => {
    const actor = await resolveActor(db);
    return [...new Set([actor.id, ...(actor.ids ?? [])])];
  }, [db]);
}

/** The user's open action items past their due date, oldest first. */
export function useMyOverdueActions() {
  const repos = useOpsRepos();
  const mine = useMyIds();
  const key = (mine ?? []).join(',');
  return useLiveQuery(async () => {
    if (!key) return [];
    const ids = new Set(key.split(','));
    return overdueActions(await repos.reviews.actions.all(), todayLocal()).filter((a) => a.ownerId !== null && ids.has(a.ownerId));
  }, [repos, key]);
}

/**
 * The runs that failed verification that the user is told of: those of jobs of
 * a team the user is a member of (or of no team, or a team without members),
 * with their job's name; oldest first.
 */
export function useMyFailedRuns() {
  const repos = useOpsRepos();
  const mine = useMyIds();
  const key = (mine ?? []).join(',');
  return useLiveQuery(async () => {
    if (!key) return [];
    const [runs, jobs, teams] = await Promise.all([repos.tables.runs.toArray(), repos.tables.jobs.toArray(), repos.tickets.tables.teams.toArray()]);
    const jobName = new Map(jobs.map((j) => [j.id, j.name]));
    return failedRunsForMe(runs, jobs, teams, key.split(',')).map((run) => ({ run, jobName: jobName.get(run.jobId) ?? 'Removed output job' }));
  }, [repos, key]);
}

/** Status-bar notices of operations: runs that failed verification (for the job's team), and the user's overdue action items. */
export function OpsStatusCounts() {
  const failed = useMyFailedRuns()?.length;
  const mine = useMyOverdueActions();
  return (
    <>
      {failed ? (
        <a className="ops-failed-count" href={`${opsHref({ view: 'runs' })}?show=failed`}>
          {failed} output run{failed === 1 ? '' : 's'} failed verification
        </a>
      ) : null}
      {mine?.length ? (
        <a className="ops-mine-count" href={opsHref({ view: 'actions' })}>
          {mine.length} of your action items overdue
        </a>
      ) : null}
    </>
  );
}
