import { CalendarView } from './CalendarView';
import { CoursesView } from './CoursesView';
import { HandoutEditor } from './HandoutEditor';
import { HandoutsView } from './HandoutsView';
import { SessionPage } from './SessionPage';
import { SessionsView } from './SessionsView';
import { trainingHref, useTrainingRoute, type TrainingRoute } from './training-route';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import './training.css';

const VIEW_NAMES: Record<TrainingRoute['view'], string> = {
  sessions: 'Training sessions',
  calendar: 'Training calendar',
  session: 'Training session',
  courses: 'Courses',
  handouts: 'Handouts',
  handout: 'Handout',
};

const TABS: { view: TrainingRoute['view']; label: string; also: TrainingRoute['view'][] }[] = [
  { view: 'sessions', label: 'Sessions', also: ['session'] },
  { view: 'calendar', label: 'Calendar', also: [] },
  { view: 'courses', label: 'Courses', also: [] },
  { view: 'handouts', label: 'Handouts', also: ['handout'] },
];

/** Training: sessions and their calendar, rosters and attendance, the course library and handouts. */
export function TrainingScreen() {
  const route = useTrainingRoute();
  return (
    <div className="screen training">
      <header className="screen-header">
        <h1>Training</h1>
        <nav aria-label="Training" className="subnav">
          {TABS.map((t) => (
            <a key={t.view} href={trainingHref({ view: t.view } as TrainingRoute)} aria-current={route.view === t.view || t.also.includes(route.view) ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {/* One view failing (a bad record) leaves the tabs working; keyed so another view mounts afresh. */}
      <ErrorBoundary key={route.view === 'session' || route.view === 'handout' ? `${route.view}:${route.id}` : route.view} name={VIEW_NAMES[route.view]}>
        {route.view === 'sessions' ? <SessionsView /> : null}
        {route.view === 'calendar' ? <CalendarView /> : null}
        {route.view === 'session' ? <SessionPage key={route.id} id={route.id} /> : null}
        {route.view === 'courses' ? <CoursesView /> : null}
        {route.view === 'handouts' ? <HandoutsView /> : null}
        {route.view === 'handout' ? <HandoutEditor key={route.id} id={route.id} /> : null}
      </ErrorBoundary>
    </div>
  );
}
