import { useId, useMemo, type FormEvent } from 'react';
import type { Site } from '../../../../../shared/tickets/catalog';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { SelectField, TextAreaField } from '../../tickets/fields';
import { AddButton, FormButtons, ListPanel, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import type { PanelProps } from './HelpdeskSection';

/** Sites: the courthouses and offices tickets come from, each under an agency. */
export function SitesPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<Site>((id) => repo.sites.retire(id), 'site');
  const agencyName = (id: string) => data.agencies.find((a) => a.id === id)?.name ?? '(removed agency)';
  return (
    <ListPanel
      id="hd-sites-title"
      title="Sites"
      intro="Where tickets come from. The create form offers these, and routing rules and SLA policies can name them."
      notice={notice.view}
      empty={data.sites.length === 0 && <p>No sites yet — add the courthouses and offices you support.</p>}
      columns={['Site', 'Agency', 'Time zone', 'Address']}
      rows={data.sites.map((site) => (
        <tr key={site.id}>
          <th scope="row">{site.name}</th>
          <td>{agencyName(site.agencyId)}</td>
          <td>{site.timeZone ?? <span className="muted">Not set</span>}</td>
          <td className="muted site-address">{site.address}</td>
          <RowActions name={`site ${site.name}`} onEdit={() => open(site.id)} onRemove={() => void remove(site)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add site" onClick={() => open('new')} blockedBy={data.agencies.length === 0 && 'Add an agency first: every site belongs to one.'} />
        ) : (
          <SiteForm key={editing} repo={repo} data={data} site={data.sites.find((s) => s.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('site');

function SiteForm({ repo, data, site, onDone, say }: PanelProps & { site: Site | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const zonesId = useId();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [name, setName] = useDraftState(FORM, site?.id, 'name', site?.name ?? '');
  // With one agency there is nothing to choose; with several, make the choice explicit.
  const [agencyId, setAgencyId] = useDraftState(FORM, site?.id, 'agencyId', site?.agencyId ?? (data.agencies.length === 1 ? data.agencies[0]!.id : ''));
  const [address, setAddress] = useDraftState(FORM, site?.id, 'address', site?.address ?? '');
  const [timeZone, setTimeZone] = useDraftState(FORM, site?.id, 'timeZone', site?.timeZone ?? '');
  const { errors, save, summary } = useSaveForm(say);
  const submit = (e: FormEvent) => {
    // An empty zone is "not set", not a zone named "".
    const input = { name, agencyId, address, timeZone: timeZone.trim() || null };
    void save(e, site ? repo.sites.update(site.id, input) : repo.sites.create(input), (s) => `Saved the site ${s.name}`, onDone);
  };
  const title = site ? `Edit site ${site.name}` : 'New site';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="Site name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField label="Agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} error={errors.agencyId}>
          <option value="">Choose an agency</option>
          {data.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <Field label="Site time zone" list={zonesId} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errors.timeZone} hint="Optional, such as America/Los_Angeles" />
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <TextAreaField label="Address" rows={2} value={address} maxLength={LIMITS.shortText * 2} onChange={(e) => setAddress(e.target.value)} error={errors.address} />
      <FormButtons save="Save site" onCancel={onDone} />
    </form>
  );
}
