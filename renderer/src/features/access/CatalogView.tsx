import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { APPROVER_KINDS, type ApproverKind, type ChecklistStep, type Entitlement } from '../../../../shared/access/schema';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../ui/EmptyState';
import { draftedFormId, dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { useRowKeys } from './keys';
import { useAccessRepos, useLookups, type Lookups } from './useAccess';

/** The palette's "separation of duties" command asks the catalog to put the focus in its SoD editor. */
export const FOCUS_SOD_EVENT = 'fielddesk:access-focus-sod';
export const SOD_HASH = '#/access/catalog?sod';

const focusSod = () => {
  const first = document.getElementById('sod-A');
  if (!first) return false;
  first.scrollIntoView?.({ block: 'center' });
  first.focus();
  return true;
};

const APPROVER_LABELS: Record<ApproverKind, string> = { supervisor: 'The person’s supervisor', systemOwner: 'The system owner', person: 'A named person' };

interface StageRow {
  label: string;
  approver: ApproverKind;
  personId: string;
}

/** Steps from a text box, one per line; a line that was there before keeps its id, so ticks survive edits. */
function stepsFrom(text: string, before: readonly ChecklistStep[]): ChecklistStep[] {
  const pool = [...before];
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const i = pool.findIndex((s) => s.text === line);
      const id = i >= 0 ? pool.splice(i, 1)[0]!.id : '';
      return { id, text: line };
    });
}

/** The access catalog: each system's entitlements (owner, stages, durations, procedures) and incompatible pairs. */
export function CatalogView() {
  const repos = useAccessRepos();
  const names = useLookups();
  const announce = useUi((s) => s.announce);
  const rules = useLiveQuery(async () => (await repos.tables.sodRules.toArray()).filter((r) => !r.deleted), [repos]);
  // An entitlement form left with a draft opens again (the new one, or the entitlement it was editing).
  const [editing, setEditing] = useState<Entitlement | 'new' | null>(() => (draftedFormId('access.entitlement') === 'new' ? 'new' : null));
  const draftedId = draftedFormId('access.entitlement');
  useEffect(() => {
    if (editing || !draftedId || draftedId === 'new' || !names) return;
    const e = names.entitlementById.get(draftedId);
    if (e && !e.deleted) setEditing(e);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [names]);
  const [a, setA] = useDraftState('access.sod', 'new', 'a', '');
  const [b, setB] = useDraftState('access.sod', 'new', 'b', '');
  const [why, setWhy] = useDraftState('access.sod', 'new', 'why', '');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // Keyboard path into the SoD editor: S anywhere in the catalog (outside a field), or the palette's command.
  const root = useRef<HTMLElement>(null);
  const keys = useMemo(() => ({ s: () => void focusSod() }), []);
  useRowKeys(root, keys);
  const ready = !!rules && !!names;
  useEffect(() => {
    if (!ready) return;
    if (location.hash === SOD_HASH) focusSod();
    const on = () => focusSod();
    window.addEventListener(FOCUS_SOD_EVENT, on);
    return () => window.removeEventListener(FOCUS_SOD_EVENT, on);
  }, [ready]);
  if (!names || !rules) return <p role="status">Loading the catalog…</p>;
  const say = (error: boolean, text: string) => {
    setMessage({ error, text });
    if (!error) announce(text);
  };
  return (
    <section aria-label="Access catalog" ref={root}>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New entitlement
        </button>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      {editing ? (
        <EntitlementForm
          key={editing === 'new' ? 'new' : editing.id}
          names={names}
          entitlement={editing === 'new' ? null : editing}
          onDone={(text) => {
            setEditing(null);
            say(false, text);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {names.systems.length === 0 ? (
        <EmptyState title="No systems in the catalog">
          <p>
            Systems come from the help desk’s catalog (Settings → Help desk). Add the systems there, then their entitlements here.
          </p>
        </EmptyState>
      ) : null}
      {names.systems.map((s) => {
        const ents = names.entitlements.filter((e) => e.systemId === s.id).sort((x, y) => x.name.localeCompare(y.name));
        return (
          <section key={s.id} aria-labelledby={`sys-${s.id}`}>
            <h2 id={`sys-${s.id}`}>{s.name}</h2>
            {ents.length === 0 ? (
              <p className="muted">No entitlements yet.</p>
            ) : (
              <table className="data-table" aria-label={`${s.name} entitlements`}>
                <thead>
                  <tr>
                    <th scope="col">Entitlement</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Approval stages</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Procedure</th>
                  </tr>
                </thead>
                <tbody>
                  {ents.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <button type="button" className="link-button" data-row onClick={() => setEditing(e)}>
                          {e.name}
                        </button>
                      </td>
                      <td>{e.ownerPersonId ? names.person(e.ownerPersonId) : <span className="badge warn">No owner</span>}</td>
                      <td>{e.stages.map((st) => st.label).join(' → ') || <span className="badge warn">None</span>}</td>
                      <td>
                        {e.defaultDays ? `${e.defaultDays} days` : 'Open-ended'}
                        {e.maxDays ? `, at most ${e.maxDays}` : ''}
                        {e.signedFormRequired ? ' · signed form' : ''}
                      </td>
                      <td>
                        {e.provisioning.length} to grant, {e.deprovisioning.length} to remove
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      <section aria-labelledby="sod-title" className="panel">
        <h2 id="sod-title">Incompatible entitlements (separation of duties)</h2>
        <p className="muted">Press S to add a pair from anywhere in the catalog.</p>
        {rules.length === 0 ? <p className="muted">No incompatible pairs yet.</p> : null}
        <ul>
          {rules.map((r) => (
            <li key={r.id}>
              {names.entitlement(r.entitlementA)} ⟂ {names.entitlement(r.entitlementB)}
              {r.reason ? ` — ${r.reason}` : ''}{' '}
              <button type="button" onClick={async () => { const res = await repos.catalog.removeSodRule(r.id); say(!res.ok, res.ok ? 'Rule removed' : res.error.message); }} aria-label={`Remove the rule ${names.entitlement(r.entitlementA)} and ${names.entitlement(r.entitlementB)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form
          className="toolbar wrap"
          onSubmit={async (e) => {
            e.preventDefault();
            const res = await repos.catalog.addSodRule({ entitlementA: a, entitlementB: b, reason: why });
            say(!res.ok, res.ok ? 'Rule added' : res.error.message);
            if (res.ok) {
              setA('');
              setB('');
              setWhy('');
            }
          }}
        >
          {(['A', 'B'] as const).map((k) => (
            <span className="inline-field" key={k}>
              <label htmlFor={`sod-${k}`}>{k === 'A' ? 'Entitlement' : 'is incompatible with'}</label>
              <select id={`sod-${k}`} aria-keyshortcuts={k === 'A' ? 's' : undefined} value={k === 'A' ? a : b} onChange={(e) => (k === 'A' ? setA(e.target.value) : setB(e.target.value))} required>
                <option value="">Choose…</option>
                {names.entitlements.map((e) => (
                  <option key={e.id} value={e.id}>
                    {names.system(e.systemId)}: {e.name}
                  </option>
                ))}
              </select>
            </span>
          ))}
          <span className="inline-field">
            <label htmlFor="sod-why">Why</label>
            <input id="sod-why" value={why} onChange={(e) => setWhy(e.target.value)} />
          </span>
          <button type="submit">Add rule</button>
        </form>
      </section>
    </section>
  );
}

function EntitlementForm({ names, entitlement, onDone, onCancel }: { names: Lookups; entitlement: Entitlement | null; onDone: (text: string) => void; onCancel: () => void }) {
  const repos = useAccessRepos();
  // Every field is a draft (per entitlement, or 'new') until saved or cancelled.
  const [systemId, setSystemId] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'systemId', entitlement?.systemId ?? names.systems[0]?.id ?? '');
  const [name, setName] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'name', entitlement?.name ?? '');
  const [owner, setOwner] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'owner', entitlement?.ownerPersonId ?? '');
  const [stages, setStages] = useDraftState<StageRow[]>('access.entitlement', entitlement?.id ?? 'new', 'stages', entitlement?.stages.map((s) => ({ label: s.label, approver: s.approver, personId: s.personId ?? '' })) ?? [{ label: 'Supervisor', approver: 'supervisor', personId: '' }]);
  const [defaultDays, setDefaultDays] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'defaultDays', String(entitlement?.defaultDays ?? 365));
  const [maxDays, setMaxDays] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'maxDays', entitlement?.maxDays ? String(entitlement.maxDays) : '');
  const [signed, setSigned] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'signed', entitlement?.signedFormRequired ?? false);
  const [prov, setProv] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'prov', entitlement?.provisioning.map((s) => s.text).join('\n') ?? '');
  const [deprov, setDeprov] = useDraftState('access.entitlement', entitlement?.id ?? 'new', 'deprov', entitlement?.deprovisioning.map((s) => s.text).join('\n') ?? '');
  const [error, setError] = useState('');
  const save = async () => {
    const res = await repos.catalog.saveEntitlement(entitlement?.id ?? null, {
      systemId,
      name,
      ownerPersonId: owner || null,
      stages: stages.filter((s) => s.label.trim()).map((s) => ({ label: s.label, approver: s.approver, personId: s.approver === 'person' && s.personId ? s.personId : null })),
      defaultDays: defaultDays ? Number(defaultDays) : null,
      maxDays: maxDays ? Number(maxDays) : null,
      signedFormRequired: signed,
      provisioning: stepsFrom(prov, entitlement?.provisioning ?? []),
      deprovisioning: stepsFrom(deprov, entitlement?.deprovisioning ?? []),
    });
    if (!res.ok) return setError(res.error.message);
    dropFormDrafts('access.entitlement', entitlement?.id ?? 'new');
    onDone(`Saved ${res.value.name}`);
  };
  return (
    <form
      className="panel"
      aria-labelledby="ent-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="ent-title">{entitlement ? `Edit ${entitlement.name}` : 'New entitlement'}</h2>
      <div className="two-col">
        <div className="field">
          <label htmlFor="ent-system">System</label>
          <select id="ent-system" value={systemId} onChange={(e) => setSystemId(e.target.value)} required>
            {names.systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ent-name">Name</label>
          <input id="ent-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="ent-owner">Owner</label>
          <select id="ent-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">No owner yet</option>
            {names.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ent-default">Default duration (days)</label>
          <input id="ent-default" type="number" min={1} value={defaultDays} onChange={(e) => setDefaultDays(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ent-max">Maximum duration (days, empty for none)</label>
          <input id="ent-max" type="number" min={1} value={maxDays} onChange={(e) => setMaxDays(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> A signed form is required
        </label>
      </div>
      <fieldset className="field">
        <legend>Approval stages, in order</legend>
        {stages.map((s, i) => (
          <div key={i} className="toolbar wrap">
            <span className="inline-field">
              <label htmlFor={`stage-${i}`}>Stage {i + 1}</label>
              <input id={`stage-${i}`} value={s.label} onChange={(e) => setStages(stages.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            </span>
            <span className="inline-field">
              <label htmlFor={`stage-${i}-who`}>Approver</label>
              <select id={`stage-${i}-who`} value={s.approver} onChange={(e) => setStages(stages.map((x, j) => (j === i ? { ...x, approver: e.target.value as ApproverKind } : x)))}>
                {APPROVER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {APPROVER_LABELS[k]}
                  </option>
                ))}
              </select>
            </span>
            {s.approver === 'person' ? (
              <span className="inline-field">
                <label htmlFor={`stage-${i}-person`}>Person</label>
                <select id={`stage-${i}-person`} value={s.personId} onChange={(e) => setStages(stages.map((x, j) => (j === i ? { ...x, personId: e.target.value } : x)))}>
                  <option value="">Choose…</option>
                  {names.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </span>
            ) : null}
            <button type="button" onClick={() => setStages(stages.filter((_, j) => j !== i))} aria-label={`Remove stage ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        {stages.length < 5 ? (
          <button type="button" onClick={() => setStages([...stages, { label: stages.length === 0 ? 'Supervisor' : 'System owner', approver: stages.length === 0 ? 'supervisor' : 'systemOwner', personId: '' }])}>
            Add a stage
          </button>
        ) : null}
      </fieldset>
      <div className="two-col">
        <div className="field">
          <label htmlFor="ent-prov">Provisioning checklist (one step per line)</label>
          <textarea id="ent-prov" value={prov} onChange={(e) => setProv(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ent-deprov">Deprovisioning checklist (one step per line)</label>
          <textarea id="ent-deprov" value={deprov} onChange={(e) => setDeprov(e.target.value)} />
        </div>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Save entitlement
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          dropFormDrafts('access.entitlement', entitlement?.id ?? 'new');
          onCancel();
        }}
      >
        Cancel
      </button>
    </form>
  );
}
