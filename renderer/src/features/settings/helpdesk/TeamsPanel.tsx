import { useState, type FormEvent } from 'react';
import type { Team } from '../../../../../shared/tickets/catalog';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { AddButton, FormButtons, ListPanel, report, RowActions, useNotice } from './common';
import type { PanelProps } from './HelpdeskSection';
import { useEditing } from './useEditing';

/** Teams (queues) that routing rules send tickets to. */
export function TeamsPanel({ repo, data }: PanelProps) {
  const notice = useNotice();
  const { editing, open, close, addRef } = useEditing();
  const ruleCount = (id: string) => data.rules.filter((r) => r.teamId === id).length;
  const remove = async (team: Team) => {
    await report(repo.teams.retire(team.id), notice.say, () => `Removed the team ${team.name}`);
  };
  return (
    <ListPanel
      id="hd-teams-title"
      title="Teams"
      intro="The queues tickets are routed to."
      notice={notice.view}
      empty={data.teams.length === 0 && <p>No teams yet. Add the queues your desk hands tickets to, such as “Court applications” or “Field support”; routing rules then choose between them.</p>}
      columns={['Team', 'Description', 'Rules']}
      rows={data.teams.map((team) => (
        <tr key={team.id}>
          <th scope="row">{team.name}</th>
          <td className="muted">{team.description}</td>
          <td>{ruleCount(team.id)}</td>
          <RowActions name={`team ${team.name}`} onEdit={() => open(team.id)} onRemove={() => void remove(team)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add team" onClick={() => open('new')} />
        ) : (
          <TeamForm key={editing} repo={repo} team={data.teams.find((t) => t.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

function TeamForm({ repo, team, onDone, say }: { repo: PanelProps['repo']; team: Team | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { name, description };
    const res = await report(team ? repo.teams.update(team.id, input) : repo.teams.create(input), say, (t) => `Saved the team ${t.name}`);
    if (res.ok) onDone();
    else setErrors(res.fields);
  };
  const title = team ? `Edit team ${team.name}` : 'New team';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <div className="form-grid">
        <Field label="Team name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Team description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      </div>
      <FormButtons save="Save team" onCancel={onDone} />
    </form>
  );
}
