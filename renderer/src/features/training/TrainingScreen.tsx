import { EmptyState } from '../../ui/EmptyState';

export function TrainingScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Training</h1>
      </header>
      <EmptyState title="No training sessions yet">
        <p>Scheduled sessions, their rosters and attendance, and the handouts you print for them will be here.</p>
      </EmptyState>
    </div>
  );
}
