import { z } from 'zod';
import { SyncMetaSchema } from '../sync/ops';
import { checkImageDataUri, MAX_IMAGE_BYTES } from '../markdown/embeddedImage';
import { IdSchema, InstantSchema, SyncedRecordFields, trimmed } from './common';

/**
 * The document library's types. Training's handouts and work instructions
 * came first; the rest were added with the knowledge base (shared/inform),
 * which is the same library: one material is one document.
 */
export const MATERIAL_KINDS = ['handout', 'workInstruction', 'howTo', 'knownError', 'manualSection', 'newsletter', 'memo'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  handout: 'Handout',
  workInstruction: 'Work instruction',
  howTo: 'How-to',
  knownError: 'Known error',
  manualSection: 'User manual section',
  newsletter: 'Newsletter',
  memo: 'Memo',
};

/** Draft (being written), published (in use), retired (kept for history, not suggested). */
export const DOCUMENT_STATES = ['draft', 'published', 'retired'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];
/** Staff only, or also for the public agencies' users. */
export const AUDIENCES = ['staff', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

const shortList = (label: string, max: number) =>
  z
    .array(trimmed(100).min(1, `${label} may not be blank`))
    .max(max, `At most ${max} ${label.toLowerCase()}`)
    .default([]);

/** All images of one material together, decoded; keeps a handout (one synced record) a sane size. */
export const MAX_MATERIAL_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_MATERIAL_IMAGES = 60;
export const MAX_MARKDOWN_CHARS = 200_000;

/** An image pasted or picked into a handout, referenced from the text as `![alt](image:<id>)`. */
export const MaterialImageSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Image ids are letters, digits, - and _'),
    name: trimmed(200).default(''),
    dataUri: z.string().max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 64, `An image may be at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB`),
  })
  .superRefine((img, ctx) => {
    const checked = checkImageDataUri(img.dataUri, img.name ? `The image "${img.name}"` : 'The image');
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['dataUri'], message: checked.error.message });
  });
export type MaterialImage = z.output<typeof MaterialImageSchema>;

const ImagesSchema = z
  .array(MaterialImageSchema)
  .max(MAX_MATERIAL_IMAGES, `At most ${MAX_MATERIAL_IMAGES} images`)
  .superRefine((images, ctx) => {
    const ids = new Set<string>();
    let total = 0;
    for (const img of images) {
      if (ids.has(img.id)) ctx.addIssue({ code: 'custom', message: `Two images share the id ${img.id}` });
      ids.add(img.id);
      total += Math.floor((img.dataUri.length * 3) / 4);
    }
    if (total > MAX_MATERIAL_IMAGE_BYTES) {
      ctx.addIssue({ code: 'custom', message: `Images total more than ${MAX_MATERIAL_IMAGE_BYTES / (1024 * 1024)} MB; remove some or make them smaller` });
    }
  })
  .default([]);

const MaterialFields = z.object({
  kind: z.enum(MATERIAL_KINDS).default('handout'),
  title: trimmed(200).min(1, 'Title is required'),
  /** The business system it covers, so the library can list instructions per system. */
  system: trimmed(100).min(1, 'System is required'),
  body: z.string().max(MAX_MARKDOWN_CHARS, `The text may be at most ${MAX_MARKDOWN_CHARS} characters`).default(''),
  images: ImagesSchema,
  /** Document fields (the knowledge base); optional with defaults, so older records and apps still read. */
  state: z.enum(DOCUMENT_STATES).default('draft'),
  /** Person id of the owner, who keeps it current. */
  ownerId: IdSchema.nullable().default(null),
  audience: z.enum(AUDIENCES).default('staff'),
  /** Further systems it concerns, besides `system`. */
  systems: shortList('Systems', 20),
  tags: shortList('Tags', 30),
  /** Review by this date (YYYY-MM-DD); past it, the document is listed under "needs review". */
  reviewBy: z.iso.date({ message: 'Review-by must be a date such as 2026-07-01' }).nullable().default(null),
});

/** The working copy in the library (last-writer-wins). */
export const MaterialInputSchema = MaterialFields;
export type MaterialInput = z.input<typeof MaterialInputSchema>;
export const MaterialSchema = MaterialFields.extend({
  ...SyncedRecordFields,
  /** The latest published version number; 0 while still a draft. */
  version: z.number().int().min(0).default(0),
});
export type Material = z.output<typeof MaterialSchema>;

/**
 * A published version: an immutable snapshot (append-only), so a handout
 * printed for last month's class can be printed again exactly.
 */
export const MaterialVersionSchema = MaterialFields.extend({
  ...SyncMetaSchema.shape,
  materialId: IdSchema,
  version: z.number().int().min(1),
  publishedAt: InstantSchema,
  publishedBy: IdSchema,
  changeNote: trimmed(500).default(''),
});
export type MaterialVersion = z.output<typeof MaterialVersionSchema>;
export type MaterialVersionDraft = Omit<MaterialVersion, 'stamps' | 'deleted'>;

/**
 * The next version snapshot of a material. Numbers come from the versions
 * already known, so two devices publishing offline can both produce "v3";
 * both survive the append-only merge and the later one reads as current.
 */
export function nextMaterialVersion(input: {
  material: Pick<Material, 'id' | 'kind' | 'title' | 'system' | 'body' | 'images'> & Partial<Pick<Material, 'state' | 'ownerId' | 'audience' | 'systems' | 'tags' | 'reviewBy'>>;
  versions: readonly Pick<MaterialVersion, 'materialId' | 'version'>[];
  now: string;
  publishedBy: string;
  newId: () => string;
  changeNote?: string;
}): MaterialVersionDraft {
  const { material } = input;
  const latest = input.versions.filter((v) => v.materialId === material.id).reduce((n, v) => Math.max(n, v.version), 0);
  return {
    id: input.newId(),
    materialId: material.id,
    version: latest + 1,
    kind: material.kind,
    title: material.title,
    system: material.system,
    body: material.body,
    images: material.images.map((i) => ({ ...i })),
    state: material.state ?? 'draft',
    ownerId: material.ownerId ?? null,
    audience: material.audience ?? 'staff',
    systems: [...(material.systems ?? [])],
    tags: [...(material.tags ?? [])],
    reviewBy: material.reviewBy ?? null,
    publishedAt: input.now,
    publishedBy: input.publishedBy,
    changeNote: (input.changeNote ?? '').trim().slice(0, 500),
  };
}

/** Image map for renderMarkdown. */
export const imagesById = (images: readonly MaterialImage[]): Record<string, string> => Object.fromEntries(images.map((i) => [i.id, i.dataUri]));

/** The current published version: highest number, then latest published, then id (same answer on every device). */
export function latestMaterialVersion<V extends Pick<MaterialVersion, 'id' | 'materialId' | 'version' | 'publishedAt'> & { deleted?: 0 | 1 }>(
  versions: readonly V[],
  materialId: string,
): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.materialId !== materialId || v.deleted === 1) continue;
    if (!best || v.version > best.version || (v.version === best.version && (v.publishedAt > best.publishedAt || (v.publishedAt === best.publishedAt && v.id > best.id)))) best = v;
  }
  return best;
}
