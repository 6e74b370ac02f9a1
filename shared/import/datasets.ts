import type { z } from 'zod';
import { PersonInputSchema } from '../people/schema';
import type { UniqueKeySpec } from './duplicates';
import type { ImportField } from './mapping';
import { TICKET_IMPORT_FIELDS, TicketImportRowSchema } from './ticket-rows';

/**
 * What can be imported: the fields a file's columns map onto, the schema each
 * row must pass (the same one the repository uses), and what counts as a
 * duplicate. Main validates rows with these; the renderer commits them.
 */
export interface ImportDataset {
  title: string;
  fields: readonly ImportField[];
  schema: z.ZodType;
  unique?: UniqueKeySpec;
}

export const PEOPLE_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'name', header: 'Name', type: 'text', width: 24, required: true, aliases: ['Full name', 'Person'] },
  { key: 'email', header: 'Email', type: 'text', width: 28, aliases: ['E-mail', 'Mail', 'Email address'] },
  { key: 'phone', header: 'Phone', type: 'text', width: 14, aliases: ['Telephone', 'Phone number'] },
  { key: 'agency', header: 'Agency', type: 'text', width: 24, aliases: ['Court', 'Agency/Court', 'Organization', 'Office'] },
  { key: 'site', header: 'Site', type: 'text', width: 18, aliases: ['Location', 'Courthouse', 'School'] },
  { key: 'title', header: 'Job title', type: 'text', width: 18, aliases: ['Title', 'Position', 'Role'] },
  { key: 'kind', header: 'Kind', type: 'text', width: 10, aliases: ['Type'] },
];

export const IMPORT_DATASETS = {
  people: { title: 'People', fields: PEOPLE_IMPORT_FIELDS, schema: PersonInputSchema, unique: { fields: ['email'], caseInsensitive: true, label: 'email address' } },
  tickets: { title: 'Tickets', fields: TICKET_IMPORT_FIELDS, schema: TicketImportRowSchema, unique: { fields: ['number'], caseInsensitive: true, label: 'ticket number' } },
} as const satisfies Record<string, ImportDataset>;

export type ImportDatasetName = keyof typeof IMPORT_DATASETS;
export const IMPORT_DATASET_NAMES = Object.keys(IMPORT_DATASETS) as [ImportDatasetName, ...ImportDatasetName[]];
