import { StatusReports } from '../inform/StatusReports';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ExportPanel } from './export/ExportPanel';

export function ReportsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Reports</h1>
      </header>
      <p className="muted">Status reports for agencies, sites, requesters and teams; incident logs for supervisors and incident review teams, as spreadsheets.</p>
      <ErrorBoundary name="Status reports">
        <StatusReports />
      </ErrorBoundary>
      <ExportPanel />
    </div>
  );
}
