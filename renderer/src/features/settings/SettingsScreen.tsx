import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useData } from '../../app/data-context';
import { useUi, type ThemeChoice } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { useDraftState } from '../../ui/useDraft';
import { CannedResponsesSettings } from '../inform/CannedResponsesSettings';
import { ConflictsSection } from './ConflictsSection';
import { BackupSection } from './backup/BackupSection';
import { HelpdeskSection } from './helpdesk/HelpdeskSection';
import { PendingChanges } from './PendingChanges';
import { SampleDataSection } from './SampleDataSection';
import { SyncAccountSection } from './SyncAccountSection';
import { SyncProblemsSection } from '../sync/SyncProblemsSection';

export function ProfileSection() {
  const { profile } = useData();
  const current = useLiveQuery(() => profile.get(), [profile]);
  // The fields edited and not saved yet, a draft (ui/useDraft.ts), back when Settings opens again. A field not
  // edited shows the stored value, also when the profile is read after the other field was typed into.
  const [form, setForm] = useDraftState<Partial<{ staffName: string; deviceName: string }> | null>('settings.profile', 'device', 'form', null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const summary = useErrorSummary();
  const announce = useUi((s) => s.announce);
  const values = { staffName: form?.staffName ?? current?.staffName ?? '', deviceName: form?.deviceName ?? current?.deviceName ?? '' };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await profile.save(values);
    if (res.ok) {
      setErrors({});
      setForm(null);
      announce('Profile saved');
    } else {
      setErrors(res.error.fields ?? {});
      summary.failed();
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <ErrorSummary errors={errors} attempt={summary.attempt} />
      <Field label="Your name" value={values.staffName} onChange={(e) => setForm({ ...form, staffName: e.target.value })} error={errors.staffName} />
      <Field label="This device" value={values.deviceName} onChange={(e) => setForm({ ...form, deviceName: e.target.value })} error={errors.deviceName} />
      <button type="submit">Save profile</button>
    </form>
  );
}

function ThemeSection() {
  const { theme, setTheme } = useUi();
  const options: { value: ThemeChoice; label: string }[] = [
    { value: 'system', label: 'Follow the system' },
    { value: 'light', label: 'Light' },
    { value: 'dark', label: 'Dark' },
  ];
  return (
    <fieldset className="panel">
      <legend>Appearance</legend>
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name="theme" value={o.value} checked={theme === o.value} onChange={() => setTheme(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function SyncServerSection() {
  const [saved, setSaved] = useState<string | null>(null);
  // The address as typed (null: not edited, the saved one shows), kept as a draft until saved.
  const [edited, setUrl] = useDraftState<string | null>('settings.sync-server', 'device', 'url', null);
  const url = edited ?? saved ?? '';
  const [error, setError] = useState<string | undefined>();
  const summary = useErrorSummary();
  const announce = useUi((s) => s.announce);
  useEffect(() => {
    void platform.config.get({}).then((r) => {
      if (r.ok) {
        setSaved(r.value.syncServerUrl);
      }
    });
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await platform.config.setSyncServer({ url: url.trim() === '' ? null : url.trim() });
    if (res.ok) {
      setError(undefined);
      const changed = res.value.syncServerUrl !== saved;
      setSaved(res.value.syncServerUrl);
      setUrl(null);
      announce(res.value.syncServerUrl ? `Sync server set to ${res.value.syncServerUrl}` : 'Sync server cleared');
      // The page's Content-Security-Policy (connect-src) was fixed when it loaded: reload to apply the new server.
      if (changed) setTimeout(() => location.reload(), 800);
    } else {
      setError(res.error.fields?.url ?? res.error.message);
      summary.failed();
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="sync-title">
      <h2 id="sync-title">Sync server</h2>
      <ErrorSummary errors={{ url: error }} attempt={summary.attempt} />
      <p className="muted">{saved ? `This device syncs with ${saved}.` : 'No server yet: everything stays on this device until you add one.'}</p>
      <Field label="Server address" type="url" placeholder="https://fielddesk.example.gov" value={url} onChange={(e) => setUrl(e.target.value)} error={error} />
      <button type="submit">Save server</button>
    </form>
  );
}

export function SettingsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      <div className="settings-grid">
        {/* Each section stands alone: bad data in one (a pulled SLA policy) never takes Sync or Sign out with it. */}
        <ErrorBoundary name="Profile">
          <ProfileSection />
        </ErrorBoundary>
        <ErrorBoundary name="Appearance">
          <ThemeSection />
        </ErrorBoundary>
        <ErrorBoundary name="Sync server">
          <SyncServerSection />
        </ErrorBoundary>
        <ErrorBoundary name="Sync account">
          <SyncAccountSection />
        </ErrorBoundary>
        <ErrorBoundary name="Sync problems">
          <SyncProblemsSection />
        </ErrorBoundary>
        <ErrorBoundary name="Changes waiting to sync">
          <PendingChanges />
        </ErrorBoundary>
        <ErrorBoundary name="Backups">
          <BackupSection />
        </ErrorBoundary>
        <ErrorBoundary name="Conflicts">
          <ConflictsSection />
        </ErrorBoundary>
        <ErrorBoundary name="Sample data">
          <SampleDataSection />
        </ErrorBoundary>
      </div>
      <ErrorBoundary name="Help desk configuration">
        <HelpdeskSection />
      </ErrorBoundary>
      <ErrorBoundary name="Canned responses">
        <CannedResponsesSettings />
      </ErrorBoundary>
    </div>
  );
}
