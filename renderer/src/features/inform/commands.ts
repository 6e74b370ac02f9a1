import type { Command } from '../../app/commands';
import { useUi } from '../../app/ui-store';
import { goReport } from './report-route';

/** Palette entries for status reports: a new one, and the saved ones to run again. */
export function informReportCommands(): Command[] {
  const go = (route: Parameters<typeof goReport>[0]) => {
    useUi.getState().navigate('reports');
    goReport(route);
  };
  return [
    { id: 'inform.report.new', title: 'New status report', group: 'Create', keywords: 'status report agency site requester team period pdf excel', run: () => go({ view: 'new' }) },
    { id: 'inform.report.saved', title: 'Run saved report…', group: 'Go to', keywords: 'status report saved definition again', run: () => go({ view: 'saved' }) },
  ];
}
