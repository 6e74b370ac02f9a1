import { EmptyState } from '../../ui/EmptyState';

export function ReportsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Reports</h1>
      </header>
      <EmptyState title="No reports yet">
        <p>Status reports and incident-log exports to spreadsheets will be made here from your tickets.</p>
      </EmptyState>
    </div>
  );
}
