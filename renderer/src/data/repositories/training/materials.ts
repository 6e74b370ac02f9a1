import { err, ok, type Result } from '../../../../../shared/result';
import {
  MaterialInputSchema,
  MaterialSchema,
  MaterialVersionSchema,
  latestMaterialVersion,
  nextMaterialVersion,
  type Material,
  type MaterialInput,
  type MaterialVersion,
} from '../../../../../shared/training/material';
import { parseWith } from '../../../../../shared/validation';
import { documentWords } from '../../../../../shared/inform/documents';
import { registerDerivedFields } from '../../../sync/derive';

/** The library's search words (a local field, shared/inform/documents.ts) travel with every write. */
const withWords = (m: Material): Material => ({ ...m, words: documentWords(m) }) as Material;

/** Pulled materials get their words too (sync/derive.ts); registering again is harmless. */
const deriveWords = (row: Record<string, unknown>): Record<string, unknown> => ({
  ...row,
  words: documentWords({ title: String(row.title ?? ''), system: String(row.system ?? ''), systems: Array.isArray(row.systems) ? (row.systems as string[]) : [], tags: Array.isArray(row.tags) ? (row.tags as string[]) : [], body: String(row.body ?? '') }),
});
import { alive, type RepoContext } from './tables';

/**
 * Handouts and work instructions: a working copy (last writer wins) and
 * immutable published versions. The only writer of `materials` and `materialVersions`.
 */
export function materialsRepository({ db, t, now, newId }: RepoContext) {
  registerDerivedFields('materials', deriveWords);
  return {
    async create(input: MaterialInput): Promise<Result<Material>> {
      const parsed = parseWith(MaterialInputSchema, input, 'handout');
      if (!parsed.ok) return parsed;
      const at = now();
      const record = parseWith(MaterialSchema, { ...parsed.value, id: newId(), version: 0, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'handout');
      if (!record.ok) return record;
      await t.materials.add(withWords(record.value));
      return ok(record.value);
    },

    /** Save the working copy. Bad input (a broken image, hostile text too long) changes nothing. */
    async update(id: string, patch: Partial<MaterialInput>): Promise<Result<Material>> {
      const parsedPatch = parseWith(MaterialInputSchema.partial(), patch, 'handout');
      if (!parsedPatch.ok) return parsedPatch;
      return db.transaction('rw', t.materials, async () => {
        const current = await t.materials.get(id);
        if (!current || current.deleted) return err('not_found', 'That handout is no longer in the library.');
        const parsed = parseWith(MaterialInputSchema, { ...current, ...patch }, 'handout');
        if (!parsed.ok) return parsed;
        const next: Material = { ...current, ...parsed.value, updatedAt: now() };
        await t.materials.put(withWords(next));
        return ok(next);
      });
    },

    /** Publish the working copy as the next version: the snapshot and the version number move together. */
    async publish(id: string, publishedBy: string, changeNote = ''): Promise<Result<MaterialVersion>> {
      return db.transaction('rw', [t.materials, t.materialVersions], async () => {
        const material = await t.materials.get(id);
        if (!material || material.deleted) return err('not_found', 'That handout is no longer in the library.');
        const versions = await t.materialVersions.where('materialId').equals(id).toArray();
        const draft = nextMaterialVersion({ material, versions, now: now(), publishedBy, newId, changeNote });
        const record = parseWith(MaterialVersionSchema, { ...draft, stamps: {}, deleted: 0 }, 'version');
        if (!record.ok) return record;
        await t.materialVersions.add(record.value);
        await t.materials.put({ ...material, version: record.value.version, updatedAt: record.value.publishedAt });
        return ok(record.value);
      });
    },

    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', t.materials, async () => {
        const current = await t.materials.get(id);
        if (!current || current.deleted) return err('not_found', 'That handout is no longer in the library.');
        await t.materials.put({ ...current, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },

    async get(id: string): Promise<Material | undefined> {
      const m = await t.materials.get(id);
      return m && !m.deleted ? m : undefined;
    },

    async list(): Promise<Material[]> {
      return alive(await t.materials.orderBy('title').toArray());
    },

    async latestVersion(id: string): Promise<MaterialVersion | undefined> {
      return latestMaterialVersion(await t.materialVersions.where('materialId').equals(id).toArray(), id);
    },
  };
}
export type MaterialsRepository = ReturnType<typeof materialsRepository>;
