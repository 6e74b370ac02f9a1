import { useState, type FormEvent } from 'react';
import type { System } from '../../../../../shared/tickets/catalog';
import { LIMITS } from '../../../../../shared/tickets/fields';
import { Field } from '../../../ui/Field';
import { useDraftState } from '../../../ui/useDraft';
import { TextAreaField } from '../../tickets/fields';
import { AddButton, FormButtons, ListPanel, RowActions, useListPanel, useSaveForm, panelDraftForm } from './common';
import { formatCategories, parseCategories } from './format';
import type { PanelProps } from './HelpdeskSection';

/** Systems staff support, with the categories of problem the create form offers for each. */
export function SystemsPanel({ repo, data }: PanelProps) {
  const { notice, editing, open, close, addRef, remove } = useListPanel<System>((id) => repo.systems.retire(id), 'system');
  return (
    <ListPanel
      id="hd-systems-title"
      title="Systems"
      intro="The applications you support. A ticket names one; its categories are offered in the create form and routing rules can match them."
      notice={notice.view}
      empty={data.systems.length === 0 && <p>No systems yet — add the applications you support, such as case management or e-filing, with the kinds of problem people report.</p>}
      columns={['System', 'Vendor', 'Categories']}
      rows={data.systems.map((system) => (
        <tr key={system.id}>
          <th scope="row">{system.name}</th>
          <td className="muted">{system.vendor}</td>
          <td>{system.categories.length ? system.categories.join(', ') : <span className="muted">None</span>}</td>
          <RowActions name={`system ${system.name}`} onEdit={() => open(system.id)} onRemove={() => void remove(system)} />
        </tr>
      ))}
      form={
        editing === null ? (
          <AddButton ref={addRef} label="Add system" onClick={() => open('new')} />
        ) : (
          <SystemForm key={editing} repo={repo} system={data.systems.find((s) => s.id === editing)} onDone={close} say={notice.say} />
        )
      }
    />
  );
}

/**
 * The schema reports a bad category by its place in the list (categories.3);
 * say which one, since the box holds them all.
 */
function categoriesError(errors: Record<string, string>, sent: readonly string[]): string | undefined {
  if (errors.categories) return errors.categories;
  const item = Object.entries(errors).find(([k]) => k.startsWith('categories.'));
  if (!item) return undefined;
  const category = sent[Number(item[0].slice('categories.'.length))];
  return category === undefined ? item[1] : `${item[1]} (“${category.length > 40 ? `${category.slice(0, 40)}…` : category}”)`;
}

/** What is typed in this form stays a draft until it is saved or cancelled (useEditing drops it). */
const FORM = panelDraftForm('system');

function SystemForm({ repo, system, onDone, say }: { repo: PanelProps['repo']; system: System | undefined; onDone: () => void; say: (ok: boolean, text: string) => void }) {
  const [name, setName] = useDraftState(FORM, system?.id, 'name', system?.name ?? '');
  const [vendor, setVendor] = useDraftState(FORM, system?.id, 'vendor', system?.vendor ?? '');
  const [categories, setCategories] = useDraftState(FORM, system?.id, 'categories', formatCategories(system?.categories ?? []));
  const { errors, save, summary } = useSaveForm(say);
  const [sent, setSent] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    const list = parseCategories(categories);
    setSent(list);
    const input = { name, vendor, categories: list };
    void save(e, system ? repo.systems.update(system.id, input) : repo.systems.create(input), (s) => `Saved the system ${s.name}`, onDone);
  };
  const title = system ? `Edit system ${system.name}` : 'New system';
  return (
    <form className="helpdesk-form" onSubmit={submit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {summary}
      <div className="form-grid">
        <Field label="System name" autoFocus value={name} maxLength={LIMITS.name * 2} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Vendor" value={vendor} maxLength={LIMITS.name * 2} onChange={(e) => setVendor(e.target.value)} error={errors.vendor} hint="Optional" />
      </div>
      <TextAreaField
        label="Categories"
        rows={4}
        value={categories}
        onChange={(e) => setCategories(e.target.value)}
        error={categoriesError(errors, sent)}
        hint="One a line, or separated by commas, such as Printing, Login, Filing rejected. Each is kept once."
      />
      <FormButtons save="Save system" onCancel={onDone} />
    </form>
  );
}
