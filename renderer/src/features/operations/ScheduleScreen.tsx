import { useEffect } from 'react';
import { useUi } from '../../app/ui-store';
import { ChangeEditor, ChangesView } from './ChangesView';
import { OpsCalendar } from './OpsCalendar';
import { opsHref, useOpsRoute, type OpsRoute } from './ops-route';
import { ActionsView, ReviewEditor, ReviewsView } from './ReviewsView';
import { JobEditor, RunPage, RunsView } from './RunsView';
import { ScheduleEditor, SchedulesView } from './SchedulesView';
import { useOpsRepos } from './useOps';
import './operations.css';

const TABS: { view: OpsRoute['view']; label: string; also: OpsRoute['view'][] }[] = [
  { view: 'calendar', label: 'Calendar', also: [] },
  { view: 'schedules', label: 'Schedules', also: ['schedule'] },
  { view: 'runs', label: 'Output runs', also: ['run', 'job'] },
  { view: 'changes', label: 'Changes', also: ['change'] },
  { view: 'reviews', label: 'Reviews', also: ['review'] },
  { view: 'actions', label: 'Overdue actions', also: [] },
];

/** Scheduled work: maintenance and output schedules, windows, changes, output runs and incident reviews. */
export function ScheduleScreen() {
  const route = useOpsRoute();
  const repos = useOpsRepos();
  const announce = useUi((s) => s.announce);
  // Occurrences due within their lead time are created on opening (idempotent: derived ids, put-if-absent).
  useEffect(() => {
    void repos.generator.generate().then((r) => {
      if (r.created.length) announce(`${r.created.length} scheduled item${r.created.length === 1 ? '' : 's'} created`);
    });
  }, [repos, announce]);
  return (
    <div className="screen operations">
      <header className="screen-header">
        <h1>Schedule</h1>
        <nav aria-label="Schedule" className="subnav">
          {TABS.map((t) => (
            <a key={t.view} href={opsHref({ view: t.view } as OpsRoute)} aria-current={route.view === t.view || t.also.includes(route.view) ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {route.view === 'calendar' ? <OpsCalendar /> : null}
      {route.view === 'schedules' ? <SchedulesView /> : null}
      {route.view === 'schedule' ? <ScheduleEditor key={route.id} id={route.id} /> : null}
      {route.view === 'runs' ? <RunsView /> : null}
      {route.view === 'run' ? <RunPage key={route.id} id={route.id} /> : null}
      {route.view === 'job' ? <JobEditor key={route.id} id={route.id} /> : null}
      {route.view === 'changes' ? <ChangesView /> : null}
      {route.view === 'change' ? <ChangeEditor key={route.id} id={route.id} /> : null}
      {route.view === 'reviews' ? <ReviewsView /> : null}
      {route.view === 'review' ? <ReviewEditor key={route.id} id={route.id} /> : null}
      {route.view === 'actions' ? <ActionsView /> : null}
    </div>
  );
}
