import { fileURLToPath } from 'node:url';
import type { ImportField } from '../../../../../shared/import/mapping';

/** The people import's fields, as the lead will define them next to PersonInputSchema. */
export const PEOPLE_FIELDS: ImportField[] = [
  { key: 'name', header: 'Name', type: 'text', width: 24, required: true, aliases: ['Full name'] },
  { key: 'email', header: 'Email', type: 'text', width: 28, aliases: ['E-mail', 'Mail'] },
  { key: 'phone', header: 'Phone', type: 'text', width: 14, aliases: ['Telephone'] },
  { key: 'agency', header: 'Agency', type: 'text', width: 24, aliases: ['Court', 'Agency/Court'] },
  { key: 'site', header: 'Site', type: 'text', width: 18 },
  { key: 'kind', header: 'Kind', type: 'text', width: 10, aliases: ['Type'] },
];

export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/import/', import.meta.url));
