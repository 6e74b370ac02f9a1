import type { FormEvent } from 'react';
import { AGENCY_KINDS, type Agency, type AgencyKind } from '../../../../../shared/tickets/catalog';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { SelectField } from '../../tickets/fields';
import { AddButton, FormButtons, ListPanel, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import type { PanelProps } from './HelpdeskSection';

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  state_court: 'State court',
  county_office_of_education: 'County office of education',
  school_district: 'School district',
  other: 'Other',
};

/** Agencies: the courts and county offices whose staff call the desk; sites belong to them. */
export function AgenciesPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<Agency>((id) => repo.agencies.retire(id), 'agency');
  const siteCount = (id: string) => data.sites.filter((s) => s.agencyId === id).length;
  return (
    <ListPanel
      id="hd-agencies-title"
      title="Agencies"
      intro="The courts, county offices of education and districts you support. Each site belongs to one."
      notice={notice.view}
      empty={data.agencies.length === 0 && <p>No agencies yet — add the courts and county offices of education you support, then their sites.</p>}
      columns={['Agency', 'Kind', 'Code', 'Sites']}
      rows={data.agencies.map((agency) => (
        <tr key={agency.id}>
          <th scope="row">{agency.name}</th>
          <td>{AGENCY_KIND_LABELS[agency.kind]}</td>
          <td className="mono">{agency.code}</td>
          <td>{siteCount(agency.id)}</td>
          <RowActions name={`agency ${agency.name}`} onEdit={() => open(agency.id)} onRemove={() => void remove(agency)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add agency" onClick={() => open('new')} />
        ) : (
          <AgencyForm key={editing} repo={repo} agency={data.agencies.find((a) => a.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('agency');

function AgencyForm({ repo, agency, onDone, say }: { repo: PanelProps['repo']; agency: Agency | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [name, setName] = useDraftState(FORM, agency?.id, 'name', agency?.name ?? '');
  const [kind, setKind] = useDraftState<AgencyKind>(FORM, agency?.id, 'kind', agency?.kind ?? 'state_court');
  const [code, setCode] = useDraftState(FORM, agency?.id, 'code', agency?.code ?? '');
  const { errors, save, summary } = useSaveForm(say);
  const submit = (e: FormEvent) => {
    const input = { name, kind, code };
    void save(e, agency ? repo.agencies.update(agency.id, input) : repo.agencies.create(input), (a) => `Saved the agency ${a.name}`, onDone);
  };
  const title = agency ? `Edit agency ${agency.name}` : 'New agency';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="Agency name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField label="Agency kind" value={kind} onChange={(e) => setKind(e.target.value as AgencyKind)} error={errors.kind}>
          {AGENCY_KINDS.map((k) => (
            <option key={k} value={k}>
              {AGENCY_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field label="Agency code" value={code} maxLength={32} onChange={(e) => setCode(e.target.value)} error={errors.code} hint="Optional, such as SC-FRE" />
      </div>
      <FormButtons save="Save agency" onCancel={onDone} />
    </form>
  );
}
