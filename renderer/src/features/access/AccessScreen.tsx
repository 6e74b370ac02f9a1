import { EmptyState } from '../../ui/EmptyState';

export function AccessScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Access</h1>
      </header>
      <EmptyState title="No access requests yet">
        <p>Requests for system access, their approvals, grants, revocations and periodic reviews will be tracked here, with an audit trail.</p>
      </EmptyState>
    </div>
  );
}
