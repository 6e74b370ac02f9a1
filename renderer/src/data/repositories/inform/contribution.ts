/** Keeping people informed: its part of the local database, registered in renderer/src/data/features.ts. */
import { documentWords } from '../../../../../shared/inform/documents';
import { defineDataFeature } from '../../feature';
import { INFORM_STORES_V16 } from './stores';

export const informData = defineDataFeature({
  id: 'inform',
  schema: [
    {
      version: 16,
      // Its tables, and the document library's search words on materials.
      stores: INFORM_STORES_V16,
      async upgrade(tx) {
        await tx
          .table('materials')
          .toCollection()
          .modify((m: Record<string, unknown>) => {
            m.words = documentWords({ title: String(m.title ?? ''), system: String(m.system ?? ''), systems: (m.systems as string[]) ?? [], tags: (m.tags as string[]) ?? [], body: String(m.body ?? '') });
          });
      },
    },
  ],
});
