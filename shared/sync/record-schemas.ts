/**
 * The schema a synced record must meet on this device, and what to call a
 * table and a record in a user's words. A pulled record that fails it is
 * quarantined (renderer/src/sync/quarantine.ts) rather than stored, so no
 * screen ever renders it.
 *
 * The table's spec states its schema (`SYNC_TABLES[table].schema`, shared with
 * the server's validation); unknown fields pass, so a field added by a newer
 * app never quarantines a record.
 */
import type { z } from 'zod';
import { isSyncTable, SYNC_TABLES } from './tables';
import type { SyncTableSpec } from './tables-spec';
import { wordsFor } from './table-words';

/** The schema a record of `table` must meet, or null for a table this app does not know. */
export function recordSchemaFor(table: string): z.ZodType | null {
  if (!isSyncTable(table)) return null;
  return (SYNC_TABLES[table] as SyncTableSpec).schema ?? null;
}

export type RecordCheck = { ok: true } | { ok: false; reason: string; field: string | null };

/**
 * Check a record as the server sends it (`fields` with its `id` and
 * `stamps`). The reason names the first failing field and what is wrong
 * with it, in the schema's own words ("Title: Must be at most 200 characters").
 */
export function checkRecord(table: string, id: string, fields: Readonly<Record<string, unknown>>, stamps: Readonly<Record<string, string>> = {}): RecordCheck {
  const schema = recordSchemaFor(table);
  if (!schema) return { ok: true };
  const parsed = schema.safeParse({ ...fields, id, stamps });
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, reason: 'The record is not valid', field: null };
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more ${parsed.error.issues.length === 2 ? 'problem' : 'problems'})` : '';
  return { ok: false, reason: `${field ? `${fieldLabel(field)}: ` : ''}${issue.message}${more}`, field };
}

/** "Ticket", "SLA policy": a table as the screens call one of its records. */
export function tableLabel(table: string, count = 1): string {
  if (table === '_conflicts') return count === 1 ? 'Conflict' : 'Conflicts';
  const words = wordsFor(table);
  const word = count === 1 ? words.singular : words.plural;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "assigneeId" → "Assignee", "pendingReason" → "Pending reason". */
export function fieldLabel(field: string): string {
  const last = field.split('.')[0] ?? field;
  const words = last
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1) + (field.includes('.') ? ` (${field.split('.').slice(1).join('.')})` : '');
}

/** What the record is called where it is readable: its number and title, its name, else null. */
export function recordTitle(fields: Readonly<Record<string, unknown>>): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 120) : null);
  const number = text(fields.number);
  // A name before a title: a person's title is their job title.
  const title = text(fields.name) ?? text(fields.title) ?? text(fields.body) ?? text(fields.text);
  if (number && title) return `${number} ${title}`;
  return number ?? title;
}
