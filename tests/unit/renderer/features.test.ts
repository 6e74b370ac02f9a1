// @vitest-environment jsdom
/**
 * The registration lists of every layer agree: a feature registered in one
 * layer and forgotten in another (its stores but not its synced tables, a
 * contribution file no list names) fails here. Main's list is checked against
 * the shared one in tests/unit/electron/services/features.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FEATURES } from '../../../shared/features';
import { SYNC_TABLES } from '../../../shared/sync/tables';
import { DATA_FEATURES } from '../../../renderer/src/data/features';
import { SCHEMA_HISTORY } from '../../../renderer/src/data/schema';
import { UI_FEATURES } from '../../../renderer/src/features';

const root = join(__dirname, '../../..');
const ids = (list: readonly { id: string }[]) => list.map((f) => f.id).sort();
/** Folders under `dir` that hold `file`. */
const foldersWith = (dir: string, file: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, dir, d.name, file)))
    .map((d) => d.name)
    .sort();

const sharedIds = ids(SHARED_FEATURES);

describe('feature registration lists', () => {
  it('lists the same features in the shared layer, the local database and the frame', () => {
    expect(sharedIds).toEqual(['access', 'inform', 'operations', 'people', 'tickets', 'training']);
    expect(ids(DATA_FEATURES)).toEqual(sharedIds);
    expect(ids(UI_FEATURES.filter((f) => !('frameOnly' in f && f.frameOnly)))).toEqual(sharedIds);
    // Features of the frame only have nothing in the other layers.
    for (const f of UI_FEATURES.filter((f) => 'frameOnly' in f && f.frameOnly)) expect(sharedIds).not.toContain(f.id);
  });

  it('names every contribution file in its layer\'s list, and every list entry by its folder', () => {
    expect(foldersWith('shared', 'feature.ts')).toEqual(sharedIds);
    expect(foldersWith('shared', 'sync-tables.ts')).toEqual(sharedIds);
    expect(foldersWith('renderer/src/data/repositories', 'contribution.ts')).toEqual(ids(DATA_FEATURES));
    expect(foldersWith('renderer/src/features', 'contribution.ts')).toEqual(ids(UI_FEATURES));
  });

  it('keeps every synced table of a feature in a store of the same feature\'s schema, and in the merged list', () => {
    for (const f of SHARED_FEATURES) {
      const data = DATA_FEATURES.find((d) => d.id === f.id)!;
      const stores = new Set((data.schema ?? []).flatMap((v) => Object.keys(v.stores)));
      for (const table of Object.keys(f.syncTables)) {
        expect(stores.has(table), `${f.id}: ${table} has no store`).toBe(true);
        expect(SYNC_TABLES).toHaveProperty([table]);
      }
    }
    expect(Object.keys(SYNC_TABLES).sort()).toEqual(SHARED_FEATURES.flatMap((f) => Object.keys(f.syncTables)).sort());
  });

  it('merges the features\' schema parts into one history, versions ascending, every store declared once per version', () => {
    const versions = SCHEMA_HISTORY.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    // Each feature's stores are in the version it declared them in.
    for (const f of DATA_FEATURES)
      for (const part of f.schema ?? []) {
        const merged = SCHEMA_HISTORY.find((v) => v.version === part.version)!;
        expect(merged.stores, `${f.id} v${part.version}`).toMatchObject(part.stores);
      }
  });
});
