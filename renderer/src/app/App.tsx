import { useLiveQuery } from 'dexie-react-hooks';
import { DataProvider, useData } from './data-context';
import { firstRunFeature } from './registry';
import { Shell } from './Shell';
import { useTheme } from './useTheme';
import { ErrorBoundary } from '../ui/ErrorBoundary';

function Gate() {
  const { profile } = useData();
  // A live query, so finishing onboarding (a write to meta) swaps in the shell.
  const current = useLiveQuery(async () => (await profile.get()) ?? false, [profile]);
  if (current === undefined) return <p className="loading" role="status">Opening your data…</p>;
  if (current === false) {
    // The first-run screen is a feature's (onboarding), registered by main.tsx.
    const { FirstRun } = firstRunFeature();
    return <FirstRun onDone={() => undefined} />;
  }
  return <Shell staffName={current.staffName} />;
}

export function App() {
  useTheme();
  return (
    <DataProvider>
      <ErrorBoundary name="FieldDesk">
        <Gate />
      </ErrorBoundary>
    </DataProvider>
  );
}
