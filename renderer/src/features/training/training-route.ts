import { useEffect, useState } from 'react';

/**
 * Where in the training feature we are, kept in the hash after `#/training/`
 * so a reload (or the back button) stays on the same session or handout.
 * The shell only looks at the first segment.
 */
export type TrainingRoute =
  | { view: 'sessions' }
  | { view: 'calendar' }
  | { view: 'session'; id: string }
  | { view: 'courses' }
  | { view: 'handouts' }
  | { view: 'handout'; id: string };

export function parseTrainingHash(hash: string): TrainingRoute {
  const [root, view, id] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').map((s) => decodeURIComponent(s));
  if (root !== 'training') return { view: 'sessions' };
  if (view === 'calendar') return { view: 'calendar' };
  if (view === 'courses') return { view: 'courses' };
  if (view === 'handouts') return id ? { view: 'handout', id } : { view: 'handouts' };
  if (view === 'session' && id) return { view: 'session', id };
  return { view: 'sessions' };
}

export function trainingHref(route: TrainingRoute): string {
  switch (route.view) {
    case 'sessions':
      return '#/training';
    case 'session':
      return `#/training/session/${encodeURIComponent(route.id)}`;
    case 'handout':
      return `#/training/handouts/${encodeURIComponent(route.id)}`;
    default:
      return `#/training/${route.view}`;
  }
}

export function goTo(route: TrainingRoute): void {
  location.hash = trainingHref(route);
}

export function useTrainingRoute(): TrainingRoute {
  const [route, setRoute] = useState(() => parseTrainingHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseTrainingHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
