import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useData } from '../../../app/data-context';
import { ticketRepositories } from '../../../data/repositories/tickets';
import { useMayWrite } from '../../../sync/useRole';
import type { HelpdeskSettings, HelpdeskSettingsRepository } from '../../../data/repositories/tickets/settings';
import { AgenciesPanel } from './AgenciesPanel';
import { CalendarsPanel } from './CalendarsPanel';
import { RoutingPanel } from './RoutingPanel';
import { SitesPanel } from './SitesPanel';
import { SlaPanel } from './SlaPanel';
import { SystemsPanel } from './SystemsPanel';
import { TeamsPanel } from './TeamsPanel';
import { UpdateCadencePanel } from '../../inform/UpdateCadencePanel';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import './helpdesk.css';

export type HelpdeskData = HelpdeskSettings;
export interface PanelProps {
  repo: HelpdeskSettingsRepository;
  data: HelpdeskData;
}

/**
 * Help-desk settings: the catalog tickets point at (agencies, sites,
 * systems; first, since the rules and policies below name them), teams,
 * routing rules (with a route tester), SLA policies and business calendars. Read live, so an edit synced from another
 * device shows up here at once; every write goes through the settings
 * repository, which validates it and records it for sync.
 */
export function HelpdeskSection() {
  const { db } = useData();
  const repo = useMemo(() => ticketRepositories(db).helpdeskSettings, [db]);
  const data = useLiveQuery(() => repo.load(), [repo]);
  // A courtesy (the server decides): a role that may not change the configuration reads it, with every control disabled.
  const mayEdit = useMayWrite('slaPolicies');
  return (
    <section className="helpdesk-settings" aria-labelledby="helpdesk-title">
      <h2 id="helpdesk-title">Help desk</h2>
      {mayEdit ? null : (
        <p className="notice" data-testid="role-note">
          Only coordinators and admins can change the help-desk configuration. Your role can read it here.
        </p>
      )}
      {data ? (
        <fieldset className="helpdesk-fieldset" disabled={!mayEdit} aria-label={mayEdit ? undefined : 'Help desk configuration (read only)'}>
        <div className="helpdesk-grid">
          <AgenciesPanel repo={repo} data={data} />
          <SitesPanel repo={repo} data={data} />
          <SystemsPanel repo={repo} data={data} />
          <TeamsPanel repo={repo} data={data} />
          <RoutingPanel repo={repo} data={data} />
          <SlaPanel repo={repo} data={data} />
          <CalendarsPanel repo={repo} data={data} />
          <ErrorBoundary name="Requester updates">
            <UpdateCadencePanel />
          </ErrorBoundary>
        </div>
        </fieldset>
      ) : (
        <p className="muted" role="status">
          Loading the help-desk settings…
        </p>
      )}
    </section>
  );
}
