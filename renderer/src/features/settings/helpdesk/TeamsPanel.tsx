import type { FormEvent } from 'react';
import type { Team } from '../../../../../shared/tickets/catalog';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { AddButton, CheckList, FormButtons, ListPanel, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import type { PanelProps } from './HelpdeskSection';

/** Teams (queues) that routing rules send tickets to, and the staff on each. */
export function TeamsPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<Team>((id) => repo.teams.retire(id), 'team');
  const ruleCount = (id: string) => data.rules.filter((r) => r.teamId === id).length;
  const staffNames = new Map(data.staff.map((p) => [p.id, p.name]));
  // Members this device has no staff record for are counted, not named: they may not have synced here yet.
  const members = (team: Team) => {
    const known = team.memberIds.flatMap((id) => staffNames.get(id) ?? []);
    const unknown = team.memberIds.length - known.length;
    return [...known, ...(unknown ? [`${unknown} not on this device`] : [])].join(', ');
  };
  return (
    <ListPanel
      id="hd-teams-title"
      title="Teams"
      intro="The queues tickets are routed to."
      notice={notice.view}
      empty={data.teams.length === 0 && <p>No teams yet. Add the queues your desk hands tickets to, such as “Court applications” or “Field support”; routing rules then choose between them.</p>}
      columns={['Team', 'Description', 'Members', 'Rules']}
      rows={data.teams.map((team) => (
        <tr key={team.id}>
          <th scope="row">{team.name}</th>
          <td className="muted">{team.description}</td>
          <td>{members(team) || <span className="muted">None</span>}</td>
          <td>{ruleCount(team.id)}</td>
          <RowActions name={`team ${team.name}`} onEdit={() => open(team.id)} onRemove={() => void remove(team)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add team" onClick={() => open('new')} />
        ) : (
          <TeamForm key={editing} repo={repo} data={data} team={data.teams.find((t) => t.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('team');

function TeamForm({ repo, data, team, onDone, say }: PanelProps & { team: Team | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [name, setName] = useDraftState(FORM, team?.id, 'name', team?.name ?? '');
  const [description, setDescription] = useDraftState(FORM, team?.id, 'description', team?.description ?? '');
  // Every member id is kept, also those with no staff record here; the boxes change only the ones listed.
  const [memberIds, setMemberIds] = useDraftState<string[]>(FORM, team?.id, 'memberIds', team?.memberIds ?? []);
  const unlisted = memberIds.filter((id) => !data.staff.some((p) => p.id === id)).length;
  const { errors, save, summary } = useSaveForm(say);
  const submit = (e: FormEvent) => {
    const input = { name, description, memberIds };
    void save(e, team ? repo.teams.update(team.id, input) : repo.teams.create(input), (t) => `Saved the team ${t.name}`, onDone);
  };
  const title = team ? `Edit team ${team.name}` : 'New team';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="Team name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Team description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      </div>
      {data.staff.length > 0 ? (
        <CheckList
          legend="Members"
          options={data.staff}
          value={memberIds}
          onChange={setMemberIds}
          error={errors.memberIds}
          hint={unlisted ? `Also ${unlisted} member${unlisted === 1 ? '' : 's'} not in this device's directory; they stay on the team.` : undefined}
        />
      ) : (
        <p className="field-hint">No staff in the people directory yet. Add people of the kind Staff in People to make them members.</p>
      )}
      <FormButtons save="Save team" onCancel={onDone} />
    </form>
  );
}
