import { useMemo } from 'react';
import type { PersonInput } from '../../../../shared/people/schema';
import { ok } from '../../../../shared/result';
import { useData } from '../../app/data-context';
import { ImportWizard, type ImportTarget } from '../import/ImportWizard';

/**
 * Import people from CSV or XLSX: pick a file, check how its columns map onto
 * the directory's fields, see every bad row with its reason, and import only
 * when the whole file is clean, in one transaction.
 */
export function ImportPeople({ onClose }: { onClose: () => void }) {
  const { people } = useData();
  const target = useMemo<ImportTarget>(
    () => ({
      dataset: 'people',
      title: 'Import people from a spreadsheet',
      count: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
      existingKeys: () => people.emails(),
      commit: async (records) => {
        const res = await people.importMany(records as PersonInput[]);
        return res.ok ? ok({ message: `Imported ${res.value.added} ${res.value.added === 1 ? 'person' : 'people'}` }) : res;
      },
    }),
    [people],
  );
  return <ImportWizard target={target} onClose={onClose} onDone={onClose} />;
}
