import { fieldLabel, tableLabel } from './record-schemas';

/**
 * Why the server refused a change, in a user's words. `code` is the push
 * answer's reject code (or `too_large`), `message` the server's own words,
 * which follow as the detail.
 */
export function refusalWords(code: string, message: string): string {
  const lead: Record<string, string> = {
    forbidden: 'Your role may not make this change',
    invalid_record: 'The server found the change not valid',
    invalid_op: 'The server could not read this change',
    unknown_table: 'The server does not keep this kind of record (it may run an older version)',
    seq_reused: 'The server already had a different change under this change’s number',
    too_large: 'The change is too large for the server',
    stale_client: 'This version of FieldDesk is too old for the server: update FieldDesk',
  };
  const detail = message.trim();
  const first = lead[code] ?? 'The server refused the change';
  return detail ? `${first}: ${detail}` : first;
}

/** "Ticket · Title, Assignee": what a refused change touched. */
export function changeSummary(table: string, fields: readonly string[]): string {
  const shown = fields.filter((f) => f !== 'updatedAt' && f !== 'deleted');
  const what = shown.length > 0 ? shown.map(fieldLabel).join(', ') : fields.includes('deleted') ? 'Deleted' : 'Record';
  return `${tableLabel(table)} · ${what}`;
}
