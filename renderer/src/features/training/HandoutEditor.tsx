import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { imageBytesToDataUri } from '../../../../shared/markdown/embeddedImage';
import { MATERIAL_KINDS, MAX_MATERIAL_IMAGE_BYTES, MAX_MATERIAL_IMAGES, type Material, type MaterialImage, type MaterialKind, type MaterialVersion } from '../../../../shared/training/material';
import { handoutHtml } from '../../../../shared/training/print/handout';
import { pageSetup, type PaperSize } from '../../../../shared/print/pageSetup';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { useDraft } from '../../ui/useDraft';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import { KIND_LABEL } from './HandoutsView';
import { PaperSelect } from '../../ui/print/PaperSelect';
import { PREVIEW_FONTS } from './preview-fonts';
import { handoutDocument } from './print-data';
import { PrintPreview } from './PrintPreview';
import { trainingHref } from './training-route';
import { PrintFeedbackLine, usePrint } from './usePrint';
import { useMayWrite } from '../../sync/useRole';
import { useStaffIdentity, useTrainingRepos } from './useTraining';

interface Working {
  title: string;
  system: string;
  kind: MaterialKind;
  body: string;
  images: MaterialImage[];
}

const pick = (m: Working): Working => ({ title: m.title, system: m.system, kind: m.kind, body: m.body, images: m.images });
const same = (a: Working, b: Working) => a.title === b.title && a.system === b.system && a.kind === b.kind && a.body === b.body && a.images.map((i) => i.id).join() === b.images.map((i) => i.id).join();

/** An image id that reads well in the text and is unique within the handout. */
function imageId(name: string, taken: readonly MaterialImage[]): string {
  const base = name.replace(/\.[a-z0-9]+$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'image';
  let id = base;
  for (let i = 2; taken.some((t) => t.id === id); i++) id = `${base}-${i}`;
  return id;
}

const altText = (name: string) => name.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]()]/g, ' ').trim() || 'image';
const decodedBytes = (images: readonly MaterialImage[]) => images.reduce((n, i) => n + Math.floor((i.dataUri.length * 3) / 4), 0);

export function HandoutEditor({ id }: { id: string }) {
  const repos = useTrainingRepos();
  const material = useLiveQuery(async () => (await repos.materials.get(id)) ?? null, [repos, id]);
  const latest = useLiveQuery(async () => (await repos.materials.latestVersion(id)) ?? null, [repos, id]);
  if (material === undefined || latest === undefined) return <p role="status">Loading the handout…</p>;
  if (material === null) {
    return (
      <EmptyState title="Handout not found" action={<a href={trainingHref({ view: 'handouts' })}>Back to handouts</a>}>
        <p>It may have been removed on another device.</p>
      </EmptyState>
    );
  }
  return <Editor material={material} latest={latest} repos={repos} />;
}

/**
 * The handout editor: Markdown on the left, the print preview on the right,
 * built by the same template main prints with. Images are pasted or picked,
 * checked, and embedded.
 */
function Editor({ material, latest, repos }: { material: Material; latest: MaterialVersion | null; repos: ReturnType<typeof useTrainingRepos> }) {
  const ids = useId();
  const announce = useUi((s) => s.announce);
  const me = useStaffIdentity();
  // A courtesy (the server decides): a role that may not write handouts reads and prints them.
  const mayEdit = useMayWrite('materials');
  const print = usePrint();
  // Edits not saved yet are a draft of this handout: leaving the editor (or closing the window) keeps them for next time.
  const draft = useDraft(draftKey('training.handout', material.id), pick(material));
  const work = draft.values;
  const setWork = draft.set;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [imageMessage, setImageMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperSize>('Letter');
  const [changeNote, setChangeNote] = useState('');
  const text = useRef<HTMLTextAreaElement>(null);

  const dirty = !same(work, pick(material));
  // The printed version number: only if the text is exactly what was published.
  const version = latest && same(work, pick(latest)) ? latest.version : 0;
  const deferred = useDeferredValue(work);
  const setup = useMemo(() => pageSetup(paper), [paper]);
  const preview = useMemo(
    () => handoutHtml({ material: { ...deferred, version }, setup, fonts: PREVIEW_FONTS }),
    [deferred, version, setup],
  );

  const insertAtCursor = (snippet: string) => {
    const area = text.current;
    setWork((w) => {
      const at = area ? area.selectionStart : w.body.length;
      const before = w.body.slice(0, at);
      const pad = before && !before.endsWith('\n') ? '\n\n' : '';
      return { ...w, body: `${before}${pad}${snippet}\n${w.body.slice(at)}` };
    });
  };

  const addImage = (name: string, dataUri: string) => {
    const next = { id: imageId(name, work.images), name, dataUri };
    if (work.images.length >= MAX_MATERIAL_IMAGES) return setImageMessage({ error: true, text: `A handout holds at most ${MAX_MATERIAL_IMAGES} images.` });
    if (decodedBytes([...work.images, next]) > MAX_MATERIAL_IMAGE_BYTES) {
      return setImageMessage({ error: true, text: `"${name}" would bring this handout's images over ${MAX_MATERIAL_IMAGE_BYTES / (1024 * 1024)} MB. Remove an image or use smaller ones.` });
    }
    setWork((w) => ({ ...w, images: [...w.images, next] }));
    insertAtCursor(`![${altText(name)}](image:${next.id})`);
    setImageMessage({ error: false, text: `Added the image "${name}".` });
  };

  const pickImage = async () => {
    const res = await platform.training.pickImage({});
    if (!res.ok) return setImageMessage({ error: true, text: res.error.message });
    if (!res.value.cancelled) addImage(res.value.name, res.value.dataUri);
  };

  const onPaste = async (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = [...e.clipboardData.files][0];
    if (!file) return; // plain text: let the textarea paste it
    e.preventDefault();
    const name = file.name && file.name !== 'image.png' ? file.name : `pasted-${work.images.length + 1}.png`;
    const checked = imageBytesToDataUri(new Uint8Array(await file.arrayBuffer()), `"${name}"`);
    if (!checked.ok) return setImageMessage({ error: true, text: checked.error.message });
    addImage(name, checked.value.dataUri);
  };

  const save = async (): Promise<boolean> => {
    // Text typed while it saves stays a draft (done with what was saved).
    const res = await draft.save((values) => repos.materials.update(material.id, values));
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message });
      setSaveMessage(null);
      return false;
    }
    setErrors({});
    setSaveMessage('Saved on this device.');
    announce('Handout saved');
    return true;
  };

  const publish = async () => {
    if (!me) return;
    if (dirty && !(await save())) return;
    const res = await repos.materials.publish(material.id, me.id, changeNote);
    if (!res.ok) return setErrors({ _: res.error.message });
    setChangeNote('');
    setSaveMessage(`Published version ${res.value.version}.`);
    announce(`Published version ${res.value.version}`);
  };

  const set = (k: 'title' | 'system') => (e: { target: { value: string } }) => setWork((w) => ({ ...w, [k]: e.target.value }));
  const document = handoutDocument(work, version, new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(new Date()));
  const imageErrors = Object.entries(errors).filter(([k]) => k.startsWith('images'));

  return (
    <article className="handout-editor" aria-labelledby={`${ids}-title`}>
      <p>
        <a href={trainingHref({ view: 'handouts' })}>← All handouts</a>
      </p>
      <header className="editor-head">
        <h2 id={`${ids}-title`}>
          {work.title || 'Untitled'} <span className="muted small">{version > 0 ? `Version ${version}` : material.version > 0 ? `Draft after version ${material.version}` : 'Draft'}</span>
          {dirty ? <span className="tag">Unsaved changes</span> : null}
        </h2>
        <div className="toolbar wrap">
          <button type="button" className="primary" onClick={() => void save()} disabled={!dirty || !mayEdit}>
            Save
          </button>
          <Field label="Change note" value={changeNote} onChange={(e) => setChangeNote(e.target.value)} placeholder="What changed (optional)" />
          <button type="button" onClick={() => void publish()} disabled={!mayEdit}>
            Publish version {(latest?.version ?? 0) + 1}
          </button>
        </div>
      </header>
      {mayEdit ? null : (
        <p className="notice" data-testid="role-note">
          Handouts are written by training coordinators and admins; your role can read and print this one.
        </p>
      )}
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="handout edits" />
      {errors._ ? (
        <p className="form-error" role="alert">
          {errors._}
        </p>
      ) : null}
      {saveMessage ? (
        <p className="ok-text" role="status">
          {saveMessage}
        </p>
      ) : null}
      <div className="editor-split">
        <div className="editor-pane">
          <div className="form-grid">
            <Field label="Title" value={work.title} onChange={set('title')} error={errors.title} />
            <Field label="System" value={work.system} onChange={set('system')} error={errors.system} />
            <div className="field">
              <label htmlFor={`${ids}-kind`}>Kind</label>
              <select id={`${ids}-kind`} value={work.kind} onChange={(e) => setWork((w) => ({ ...w, kind: e.target.value as MaterialKind }))}>
                {MATERIAL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className={`field${errors.body ? ' field-invalid' : ''}`}>
            <label htmlFor={`${ids}-body`}>Handout text (Markdown)</label>
            <textarea
              id={`${ids}-body`}
              ref={text}
              className="markdown-input"
              rows={22}
              spellCheck
              value={work.body}
              readOnly={!mayEdit}
              onChange={(e) => setWork((w) => ({ ...w, body: e.target.value }))}
              onPaste={(e) => void onPaste(e)}
              aria-describedby={`${ids}-md-hint${errors.body ? ` ${ids}-body-error` : ''}`}
              aria-invalid={errors.body ? true : undefined}
            />
            <p className="field-hint" id={`${ids}-md-hint`}>
              # Heading, 1. numbered steps, | tables |, **bold**. Paste a screenshot or add an image file; it is embedded in the handout.
            </p>
            {errors.body ? (
              <p className="field-error" id={`${ids}-body-error`} role="alert">
                {errors.body}
              </p>
            ) : null}
          </div>
          <section className="images" aria-labelledby={`${ids}-images`}>
            <h3 id={`${ids}-images`}>Images</h3>
            <button type="button" onClick={() => void pickImage()}>
              Add image from file…
            </button>
            {imageMessage ? (
              <p role={imageMessage.error ? 'alert' : 'status'} className={imageMessage.error ? 'form-error' : 'ok-text'} data-testid="image-message">
                {imageMessage.text}
              </p>
            ) : null}
            {imageErrors.map(([k, m]) => (
              <p key={k} className="form-error" role="alert">
                {m}
              </p>
            ))}
            {work.images.length === 0 ? <p className="muted">No images yet.</p> : null}
            <ul className="image-list">
              {work.images.map((img) => (
                <li key={img.id}>
                  <img src={img.dataUri} alt="" />
                  <span className="mono">{img.id}</span>
                  <button type="button" onClick={() => insertAtCursor(`![${altText(img.name)}](image:${img.id})`)} aria-label={`Insert ${img.name || img.id} again`}>
                    Insert
                  </button>
                  <button type="button" className="danger" onClick={() => setWork((w) => ({ ...w, images: w.images.filter((i) => i.id !== img.id) }))} aria-label={`Remove ${img.name || img.id}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="preview-pane">
          <div className="toolbar wrap">
            <PaperSelect value={paper} onChange={setPaper} />
            <button type="button" className="primary" onClick={() => void print.toPdf('handout', document, paper)}>
              Save as PDF
            </button>
            <button type="button" onClick={() => void print.toPrinter('handout', document, paper)}>
              Print…
            </button>
          </div>
          <PrintFeedbackLine feedback={print.feedback} />
          {preview.warnings.length > 0 ? (
            <div className="warning" role="status" aria-label="Left out of the printout">
              <p>Left out of the printout:</p>
              <ul>
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <PrintPreview html={preview.html} setup={setup} title="Print preview" />
        </div>
      </div>
    </article>
  );
}
