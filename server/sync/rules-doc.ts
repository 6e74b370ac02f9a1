import type { SyncTableSpec } from '../../shared/sync/tables-spec';
import { withConflicts, type TableRegistry } from './write-rules';

/**
 * The rules table of docs/sync-protocol.md, made from the table specs: the
 * document is checked against this (tests/unit/server/rules-doc.test.ts), so
 * the two cannot drift apart.
 */
export const RULES_TABLE_START = '<!-- rules-table:start (generated from the table specs; see server/sync/rules-doc.ts) -->';
export const RULES_TABLE_END = '<!-- rules-table:end -->';

const roles = (spec: SyncTableSpec): string => {
  const r = spec.rule;
  if (!r) return 'nobody (no rule)';
  return r.roles === 'any' ? 'any' : r.roles.join(', ');
};

const extras = (spec: SyncTableSpec): string => {
  const r = spec.rule;
  if (!r) return '';
  const parts: string[] = [];
  for (const [field, who] of Object.entries(r.fields ?? {})) parts.push(`\`${field}\`: ${who.join(', ')}`);
  if (r.writable) parts.push(`clients write only ${r.writable.map((f) => `\`${f}\``).join(', ')}`);
  if (r.authorship) parts.push(`actor \`${r.authorship.actorField}\`${r.authorship.deviceField ? `, device \`${r.authorship.deviceField}\`` : ''}; server adds \`receivedAt\``);
  if (r.check) parts.push('further check');
  return parts.join('; ');
};

export function rulesTable(tables: TableRegistry): string {
  const all = withConflicts(tables);
  const lines = ['| table | merge | roles | fields and authorship | who may write |', '| --- | --- | --- | --- | --- |'];
  for (const [name, spec] of Object.entries(all)) {
    lines.push(`| \`${name}\` | ${spec.merge} | ${roles(spec)} | ${extras(spec)} | ${spec.rule?.summary ?? 'Refused: the table has no rule.'} |`);
  }
  return lines.join('\n');
}
