import { useLiveQuery } from 'dexie-react-hooks';
import { opsHref } from './ops-route';
import { useMyFailedRuns, useMyOverdueActions } from './OpsStatusCounts';
import { useOpsRepos } from './useOps';
import './operations.css';

const dayMs = 86_400_000;
const daysLate = (due: string, today: string): number => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / dayMs);
const todayLocal = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const MAX = 5;

/**
 * What operations asks of the user, on the screen they land on (the ticket
 * list): their own overdue action items, and the output runs that failed
 * verification for a team they are on. Nothing at all when there is nothing
 * (the ticket list stays as it was); each list shows the first five and links
 * to the whole view.
 */
export function HomeNotices() {
  const repos = useOpsRepos();
  const actions = useMyOverdueActions();
  const runs = useMyFailedRuns();
  const reviewTitles = useLiveQuery(async () => new Map((await repos.reviews.list()).map((r) => [r.id, r.title])), [repos]);
  if (!actions?.length && !runs?.length) return null;
  const today = todayLocal();
  return (
    <div className="ops-home" role="region" aria-label="Needs your attention">
      {actions?.length ? (
        <section aria-labelledby="ops-home-actions">
          <h2 id="ops-home-actions">My overdue actions ({actions.length})</h2>
          <ul>
            {actions.slice(0, MAX).map((a) => {
              const late = daysLate(a.due!, today);
              return (
                <li key={a.id}>
                  <a href={opsHref({ view: 'review', id: a.reviewId })}>{a.title}</a> <span className="muted">— {reviewTitles?.get(a.reviewId) ?? 'Review'}, due {a.due} ({late === 1 ? '1 day' : `${late} days`} late)</span>
                </li>
              );
            })}
          </ul>
          {actions.length > MAX ? <a href={opsHref({ view: 'actions' })}>All {actions.length} of your overdue actions</a> : null}
        </section>
      ) : null}
      {runs?.length ? (
        <section aria-labelledby="ops-home-runs">
          <h2 id="ops-home-runs">Output runs that failed verification ({runs.length})</h2>
          <ul>
            {runs.slice(0, MAX).map(({ run, jobName }) => (
              <li key={run.id}>
                <a href={opsHref({ view: 'run', id: run.id })}>
                  {jobName}, run of {run.date}
                </a>
                {run.ticketId ? (
                  <>
                    {' '}
                    <span className="muted">—</span>{' '}
                    <a href={`#/tickets/${encodeURIComponent(run.ticketId)}`} aria-label={`Problem ticket of ${jobName}, run of ${run.date}`}>
                      problem ticket
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {runs.length > MAX ? <a href={`${opsHref({ view: 'runs' })}?show=failed`}>All {runs.length} failed runs</a> : null}
        </section>
      ) : null}
    </div>
  );
}
