import { ExportPanel } from './export/ExportPanel';

export function ReportsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Reports</h1>
      </header>
      <p className="muted">Incident logs for supervisors and incident review teams, as spreadsheets. Status reports will be made here too.</p>
      <ExportPanel />
    </div>
  );
}
