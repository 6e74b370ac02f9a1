import type { Command } from '../../app/commands';
import { goOps, opsHref, type OpsRoute } from './ops-route';

/** The Schedule screen's commands for the palette (every view and every "new" reachable by keyboard). */
export function operationsCommands(): Command[] {
  const go = (id: string, title: string, route: OpsRoute, group: Command['group'], keywords: string): Command => ({ id, title, group, keywords, run: () => goOps(route) });
  return [
    go('ops.calendar', 'Schedule calendar', { view: 'calendar' }, 'Go to', 'maintenance windows freezes month week'),
    go('ops.schedules', 'Maintenance and output schedules', { view: 'schedules' }, 'Go to', 'recurring patch'),
    go('ops.runs', 'Output runs', { view: 'runs' }, 'Go to', 'reports verification late failed'),
    go('ops.changes', 'Changes, fixes and patches', { view: 'changes' }, 'Go to', 'change calendar'),
    go('ops.reviews', 'Post-incident reviews', { view: 'reviews' }, 'Go to', 'postmortem incident review'),
    go('ops.actions', 'My overdue action items', { view: 'actions' }, 'Go to', 'review follow-up mine owner overdue actions'),
    { id: 'ops.runs.failed', title: 'Output runs that failed verification', group: 'Go to', keywords: 'failed verification output runs problems', run: () => void (window.location.hash = `${opsHref({ view: 'runs' })}?show=failed`) },
    go('ops.schedule.new', 'New maintenance schedule', { view: 'schedule', id: 'new' }, 'Create', 'recurring patch tuesday'),
    go('ops.job.new', 'New output job', { view: 'job', id: 'new' }, 'Create', 'report run'),
    go('ops.change.new', 'New change', { view: 'change', id: 'new' }, 'Create', 'patch fix'),
  ];
}
