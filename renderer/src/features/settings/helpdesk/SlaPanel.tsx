import type { FormEvent } from 'react';
import { PRIORITIES, type Priority } from '../../../../../shared/tickets/enums';
import { LIMITS } from '../../../../../shared/tickets/fields';
import type { SlaPolicy, SlaTarget } from '../../../../../shared/tickets/sla';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { SelectField } from '../../tickets/fields';
import { AddButton, Checkbox, CheckList, FormButtons, ListPanel, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import { DURATION_ERROR, DURATION_HINT, formatDuration, parseDuration } from './format';
import type { PanelProps } from './HelpdeskSection';

export const APPLIES_FROM_NOW = 'Changes apply to tickets created or re-prioritised from now on; due times already set on tickets are not recomputed.';

const DEFAULT_TARGETS: Record<Priority, SlaTarget> = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  P3: { firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 },
  P4: { firstResponseMinutes: 8 * 60, resolutionMinutes: 40 * 60 },
};

const KINDS = [
  { key: 'firstResponseMinutes', label: 'first response' },
  { key: 'resolutionMinutes', label: 'resolution' },
] as const;

/** SLA policies: first-response and resolution targets per priority, on a business calendar. */
export function SlaPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<SlaPolicy>((id) => repo.slaPolicies.retire(id), 'SLA policy');
  const calendarName = (id: string) => data.calendars.find((c) => c.id === id)?.name ?? '(removed calendar)';
  const siteNames = (ids: string[]) => ids.map((id) => data.sites.find((s) => s.id === id)?.name ?? id).join(', ');
  return (
    <ListPanel
      id="hd-sla-title"
      title="SLA policies"
      intro={`Targets are business time on the policy's calendar. A ticket gets the policy that lists its site, otherwise the default. ${APPLIES_FROM_NOW}`}
      notice={notice.view}
      empty={
        data.policies.length === 0 && (
          <p>No SLA policies yet, so tickets get no due times. {data.calendars.length === 0 ? 'Add a business calendar below first, then a policy.' : 'Add a policy; the first one is the default.'}</p>
        )
      }
      columns={[
        'Policy',
        'Applies to',
        'Calendar',
        ...PRIORITIES.map((p) => (
          <>
            {p} <span className="muted">response / resolution</span>
          </>
        )),
      ]}
      rows={data.policies.map((policy) => (
        <tr key={policy.id}>
          <th scope="row">{policy.name}</th>
          <td>{[policy.isDefault ? 'Default' : '', siteNames(policy.siteIds)].filter(Boolean).join('; ') || <span className="muted">No sites</span>}</td>
          <td>{calendarName(policy.calendarId)}</td>
          {PRIORITIES.map((p) => (
            <td key={p} className="mono" data-testid={`sla-${policy.name}-${p}`}>
              {formatDuration(policy.targets[p].firstResponseMinutes)} / {formatDuration(policy.targets[p].resolutionMinutes)}
            </td>
          ))}
          <RowActions name={`SLA policy ${policy.name}`} onEdit={() => open(policy.id)} onRemove={() => void remove(policy)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add SLA policy" onClick={() => open('new')} blockedBy={data.calendars.length === 0 && 'Add a business calendar first: targets count its working hours.'} />
        ) : (
          <PolicyForm key={editing} repo={repo} data={data} policy={data.policies.find((p) => p.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

type TargetText = Record<Priority, Record<keyof SlaTarget, string>>;

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('SLA policy');

function PolicyForm({ repo, data, policy, onDone, say }: PanelProps & { policy: SlaPolicy | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [name, setName] = useDraftState(FORM, policy?.id, 'name', policy?.name ?? '');
  const [calendarId, setCalendarId] = useDraftState(FORM, policy?.id, 'calendarId', policy?.calendarId ?? data.calendars[0]?.id ?? '');
  const [isDefault, setIsDefault] = useDraftState(FORM, policy?.id, 'isDefault', policy?.isDefault ?? data.policies.length === 0);
  const [siteIds, setSiteIds] = useDraftState<string[]>(FORM, policy?.id, 'siteIds', policy?.siteIds ?? []);
  const [atRisk, setAtRisk] = useDraftState(FORM, policy?.id, 'atRisk', String(Math.round((policy?.atRiskFraction ?? 0.25) * 100)));
  const [targets, setTargets] = useDraftState<TargetText>(FORM, policy?.id, 'targets', () => {
    const from = policy?.targets ?? DEFAULT_TARGETS;
    const out = {} as TargetText;
    for (const p of PRIORITIES) out[p] = { firstResponseMinutes: formatDuration(from[p].firstResponseMinutes), resolutionMinutes: formatDuration(from[p].resolutionMinutes) };
    return out;
  });
  const { errors, save, refuse, summary } = useSaveForm(say);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = {} as Record<Priority, SlaTarget>;
    const local: Record<string, string> = {};
    for (const p of PRIORITIES) {
      parsed[p] = { firstResponseMinutes: 0, resolutionMinutes: 0 };
      for (const k of KINDS) {
        const minutes = parseDuration(targets[p][k.key]);
        if (Number.isNaN(minutes)) local[`targets.${p}.${k.key}`] = DURATION_ERROR;
        parsed[p][k.key] = minutes;
      }
    }
    const share = Number(atRisk) / 100;
    if (atRisk.trim() === '' || Number.isNaN(share)) local.atRiskFraction = 'At-risk share must be a number of percent, such as 25';
    if (Object.keys(local).length) return refuse(local);
    const input = { name, calendarId, isDefault, siteIds, targets: parsed, atRiskFraction: share };
    void save(e, policy ? repo.slaPolicies.update(policy.id, input) : repo.slaPolicies.create(input), (p) => `Saved the SLA policy ${p.name}`, onDone);
  };

  const title = policy ? `Edit SLA policy ${policy.name}` : 'New SLA policy';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="Policy name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField label="Calendar" value={calendarId} onChange={(e) => setCalendarId(e.target.value)} error={errors.calendarId}>
          {data.calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="At risk below (%)"
          inputMode="decimal"
          value={atRisk}
          onChange={(e) => setAtRisk(e.target.value)}
          error={errors.atRiskFraction}
          hint="Flag a ticket at risk when less than this share of its target is left"
        />
      </div>
      <Checkbox label="Default policy" checked={isDefault} onChange={setIsDefault} hint="Tickets at sites no policy lists get the default. Making this the default takes the flag from the other policy." />
      {data.sites.length > 0 ? <CheckList legend="Sites that use this policy instead of the default" options={data.sites} value={siteIds} onChange={setSiteIds} error={errors.siteIds} /> : null}
      <fieldset className="checks-fieldset" aria-describedby="hd-sla-targets-hint">
        <legend>Targets</legend>
        <p className="field-hint" id="hd-sla-targets-hint">
          {DURATION_HINT}. A first response cannot be due after the resolution.
        </p>
        {errors.targets ? (
          <p className="field-error" role="alert">
            {errors.targets}
          </p>
        ) : null}
        <div className="target-grid">
          {PRIORITIES.map((p) =>
            KINDS.map((k) => (
              <Field
                key={`${p}-${k.key}`}
                label={`${p} ${k.label}`}
                value={targets[p][k.key]}
                onChange={(e) => setTargets((t) => ({ ...t, [p]: { ...t[p], [k.key]: e.target.value } }))}
                error={errors[`targets.${p}.${k.key}`]}
              />
            )),
          )}
        </div>
      </fieldset>
      <FormButtons save="Save policy" onCancel={onDone} />
    </form>
  );
}
