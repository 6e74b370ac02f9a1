import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { specificity, suggestRoute, WILDCARD, type RoutingRule } from '../../../../../shared/tickets/routing';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { SelectField } from '../../tickets/fields';
import { AddButton, Checkbox, FormButtons, ListPanel, report, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import type { HelpdeskData, PanelProps } from './HelpdeskSection';

const ANY = '';
const fromMatcher = (v: string) => (v === WILDCARD ? ANY : v);

/** Names for a rule's matchers, "Any …" for the wildcard. */
function useNames(data: HelpdeskData) {
  const name = (list: { id: string; name: string }[], id: string, any: string) => (id === WILDCARD ? any : (list.find((x) => x.id === id)?.name ?? `(removed: ${id})`));
  return {
    system: (id: string) => name(data.systems, id, 'Any system'),
    site: (id: string) => name(data.sites, id, 'Any site'),
    team: (id: string) => name(data.teams, id, 'No team'),
    category: (c: string) => (c === WILDCARD ? 'Any category' : c),
  };
}

/** Routing rules (system, category, site → team), their order, and a box to test them. */
export function RoutingPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<RoutingRule>((id) => repo.routingRules.retire(id), 'rule');
  const names = useNames(data);
  const rules = data.rules;
  const sameGroup = (a: RoutingRule | undefined, b: RoutingRule) => a !== undefined && specificity(a) === specificity(b);
  const move = async (rule: RoutingRule, direction: -1 | 1) => {
    await report(repo.routingRules.move(rule.id, direction), notice.say, () => `Moved the rule ${rule.name} ${direction < 0 ? 'up' : 'down'}`);
  };
  return (
    <ListPanel
      id="hd-routing-title"
      title="Routing rules"
      intro="A new ticket goes to the team of the most specific rule that matches it (the one that names the most of system, category and site). Among equally specific rules, the one higher in this list wins. Rules apply to tickets created from now on."
      notice={notice.view}
      empty={rules.length === 0 && <p>No routing rules yet, so new tickets get no team unless someone picks one. Add a rule such as “E-filing → Court applications”.</p>}
      columns={['Rule', 'System', 'Category', 'Site', 'Team']}
      rows={rules.map((rule, i) => (
        <tr key={rule.id} className={rule.enabled ? undefined : 'rule-off'}>
          <th scope="row">
            {rule.name}
            {rule.enabled ? null : <span className="badge">Off</span>}
          </th>
          <td>{names.system(rule.systemId)}</td>
          <td>{names.category(rule.category)}</td>
          <td>{names.site(rule.siteId)}</td>
          <td>{names.team(rule.teamId)}</td>
          <RowActions name={`rule ${rule.name}`} onEdit={() => open(rule.id)} onRemove={() => void remove(rule)}>
            <button type="button" disabled={!sameGroup(rules[i - 1], rule)} onClick={() => void move(rule, -1)} aria-label={`Move rule ${rule.name} up`} title="Move up">
              ↑
            </button>
            <button type="button" disabled={!sameGroup(rules[i + 1], rule)} onClick={() => void move(rule, 1)} aria-label={`Move rule ${rule.name} down`} title="Move down">
              ↓
            </button>
          </RowActions>
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add rule" onClick={() => open('new')} blockedBy={data.teams.length === 0 && 'Add a team first: a rule sends tickets to a team.'} />
        ) : (
          <RuleForm key={editing} repo={repo} data={data} rule={rules.find((r) => r.id === editing)} onDone={close} say={notice.say} />
        )
      }
    >
      <RouteTester data={data} />
    </ListPanel>
  );
}

interface RuleDraft {
  name: string;
  systemId: string;
  category: string;
  siteId: string;
  teamId: string;
  enabled: boolean;
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('rule');

function RuleForm({ repo, data, rule, onDone, say }: PanelProps & { rule: RoutingRule | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [d, setD] = useDraftState<RuleDraft>(FORM, rule?.id, 'd', () =>
    rule
      ? { name: rule.name, systemId: fromMatcher(rule.systemId), category: fromMatcher(rule.category), siteId: fromMatcher(rule.siteId), teamId: rule.teamId, enabled: rule.enabled }
      : { name: '', systemId: ANY, category: ANY, siteId: ANY, teamId: '', enabled: true },
  );
  const { errors, save, summary } = useSaveForm(say);
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const submit = (e: FormEvent) => void save(e, rule ? repo.routingRules.update(rule.id, d) : repo.routingRules.create(d), (r) => `Saved the rule ${r.name}`, onDone);
  const title = rule ? `Edit rule ${rule.name}` : 'New routing rule';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <Field label="Rule name" autoFocus value={d.name} maxLength={LIMITS.name * 2} onChange={(e) => set('name', e.target.value)} error={errors.name} />
      <div className="form-grid">
        <MatcherFields data={data} value={d} onChange={(k, v) => set(k, v)} errors={errors} />
        <SelectField label="Team" value={d.teamId} onChange={(e) => set('teamId', e.target.value)} error={errors.teamId}>
          <option value="">Choose a team</option>
          {data.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Checkbox label="Rule is on" checked={d.enabled} onChange={(v) => set('enabled', v)} hint="A rule that is off is kept but never chosen." />
      <FormButtons save="Save rule" onCancel={onDone} />
    </form>
  );
}

type Matchers = Pick<RuleDraft, 'systemId' | 'category' | 'siteId'>;

/** System, category and site: in the rule form, and in the route tester. */
function MatcherFields({ data, value, onChange, errors = {}, blank = 'Any' }: { data: HelpdeskData; value: Matchers; onChange: (k: keyof Matchers, v: string) => void; errors?: Record<string, string>; blank?: 'Any' | 'No' }) {
  const listId = useId();
  const system = data.systems.find((s) => s.id === value.systemId);
  const categories = [...new Set((system ? [system] : data.systems).flatMap((s) => s.categories))].sort();
  return (
    <>
      <SelectField label="System" value={value.systemId} onChange={(e) => onChange('systemId', e.target.value)} error={errors.systemId}>
        <option value={ANY}>{blank} system</option>
        {data.systems.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <Field label="Category" list={listId} placeholder={`${blank} category`} value={value.category} onChange={(e) => onChange('category', e.target.value)} error={errors.category} />
      <datalist id={listId}>
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <SelectField label="Site" value={value.siteId} onChange={(e) => onChange('siteId', e.target.value)} error={errors.siteId}>
        <option value={ANY}>{blank} site</option>
        {data.sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/** Which team the rules pick for a system, category and site, as the create form will. */
function RouteTester({ data }: { data: HelpdeskData }) {
  const [input, setInput] = useState<Matchers>({ systemId: ANY, category: ANY, siteId: ANY });
  const names = useNames(data);
  const route = suggestRoute({ systemId: input.systemId || null, category: input.category || null, siteId: input.siteId || null }, data.rules);
  return (
    <fieldset className="route-tester">
      <legend>Test a route</legend>
      <p className="field-hint">Pick what a ticket would name; leave a field empty when the ticket would not name it.</p>
      <div className="form-grid">
        <MatcherFields data={data} value={input} blank="No" onChange={(k, v) => setInput((x) => ({ ...x, [k]: v }))} />
      </div>
      <p className="route-result" role="status" data-testid="route-result">
        {route ? (
          <>
            Goes to <strong>{names.team(route.teamId)}</strong> by the rule “{route.ruleName}” (it names {route.specificity} of system, category and site).
          </>
        ) : (
          'No rule matches: the ticket would get no team until someone picks one.'
        )}
      </p>
    </fieldset>
  );
}
