import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../shared/validation';
import { latestMaterialVersion, MaterialInputSchema, MAX_MATERIAL_IMAGE_BYTES, nextMaterialVersion } from '../../../../shared/training/material';
import { pngDataUri } from './fixtures';

describe('materials', () => {
  it('accepts a handout with embedded images', () => {
    const r = parseWith(MaterialInputSchema, { title: 'Filing', system: 'Odyssey', body: '# Steps\n\n![s](image:a)', images: [{ id: 'a', name: 'shot.png', dataUri: pngDataUri() }] });
    expect(r).toMatchObject({ ok: true, value: { kind: 'handout', images: [{ id: 'a' }] } });
  });

  it('rejects an image that is not an image, with a message naming it', () => {
    const fake = `data:image/png;base64,${Buffer.from('not a picture at all').toString('base64')}`;
    const r = parseWith(MaterialInputSchema, { title: 'T', system: 'S', images: [{ id: 'a', name: 'evil.png', dataUri: fake }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.['images.0.dataUri']).toBe('The image "evil.png" is not really an image: its contents are not PNG, JPEG, GIF or WebP.');
  });

  it('rejects duplicate image ids and too many megabytes in total', () => {
    const img = { id: 'a', dataUri: pngDataUri() };
    expect(parseWith(MaterialInputSchema, { title: 'T', system: 'S', images: [img, img] }).ok).toBe(false);
    // Each image is under its own limit, but together they are over the material's.
    const oneMb = `data:image/png;base64,${Buffer.concat([Buffer.from(pngDataUri().split(',')[1]!, 'base64'), Buffer.alloc(1024 * 1024)]).toString('base64')}`;
    const many = Array.from({ length: MAX_MATERIAL_IMAGE_BYTES / (1024 * 1024) + 1 }, (_, i) => ({ id: `i${i}`, dataUri: oneMb }));
    const r = parseWith(MaterialInputSchema, { title: 'T', system: 'S', images: many });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Images total more than 8 MB/);
  });

  it('numbers published versions after the highest known one', () => {
    const material = { id: 'm1', kind: 'handout' as const, title: 'T', system: 'S', body: 'b', images: [] };
    const v = nextMaterialVersion({ material, versions: [{ materialId: 'm1', version: 1 }, { materialId: 'm1', version: 3 }, { materialId: 'other', version: 9 }], now: '2026-03-01T00:00:00.000Z', publishedBy: 'u1', newId: () => 'v4' });
    expect(v).toMatchObject({ id: 'v4', materialId: 'm1', version: 4, body: 'b', publishedBy: 'u1' });
  });

  it('reads the current version the same way on every device, even when two devices both published v2', () => {
    const v = (id: string, version: number, publishedAt: string) => ({ id, materialId: 'm1', version, publishedAt });
    const versions = [v('a', 1, '2026-01-01T00:00:00.000Z'), v('c', 2, '2026-02-01T00:00:00.000Z'), v('b', 2, '2026-02-02T00:00:00.000Z'), { ...v('d', 3, '2026-03-01T00:00:00.000Z'), deleted: 1 as const }];
    expect(latestMaterialVersion(versions, 'm1')?.id).toBe('b');
    expect(latestMaterialVersion([...versions].reverse(), 'm1')?.id).toBe('b');
    expect(latestMaterialVersion(versions, 'none')).toBeUndefined();
  });
});
