import { csvRecord } from '../export/csv-escape';
import { guardFormula } from '../export/formula-guard';
import type { ListMembership } from './schema';

/**
 * A distribution list's members as each mail platform's bulk import takes them:
 * - Microsoft 365 (Exchange admin center / Add-DistributionGroupMember from CSV): `Name,EmailAddress`
 * - Google Groups (bulk upload members): `Group Email [Required],Member Email [Required],Member Type,Member Role`
 * - Mailman 3 (`mailman addmembers FILE LIST`): one `Display Name <address>` per line, no header
 * Only current members with an address are exported; the rest are counted so the screen can say so.
 */
export const LIST_EXPORT_FORMATS = ['m365', 'google', 'mailman'] as const;
export type ListExportFormat = (typeof LIST_EXPORT_FORMATS)[number];
export const LIST_EXPORT_LABELS: Record<ListExportFormat, string> = { m365: 'Microsoft 365 (CSV)', google: 'Google Groups (CSV)', mailman: 'Mailman 3 (text)' };

export interface ExportMember {
  name: string;
  email: string;
}

export function currentMembers(memberships: readonly Pick<ListMembership, 'status' | 'deleted' | 'name' | 'email'>[]): { members: ExportMember[]; withoutAddress: number } {
  const live = memberships.filter((m) => m.status === 'member' && m.deleted !== 1);
  const members = live.filter((m) => m.email.trim() !== '').map((m) => ({ name: m.name, email: m.email.trim() }));
  members.sort((a, b) => a.email.localeCompare(b.email));
  return { members, withoutAddress: live.length - members.length };
}

/** CSV fields never start a formula (csvEscape guards), and names with commas or quotes are quoted. */
export function exportMembers(format: ListExportFormat, listAddress: string, members: readonly ExportMember[]): string {
  if (format === 'mailman') return members.map((m) => (m.name ? `${m.name.replace(/[<>"\r\n]/g, '')} <${m.email}>` : m.email)).join('\n') + (members.length ? '\n' : '');
  const rows: string[][] = format === 'm365' ? [['Name', 'EmailAddress'], ...members.map((m) => [m.name, m.email])] : [['Group Email [Required]', 'Member Email [Required]', 'Member Type', 'Member Role'], ...members.map((m) => [listAddress, m.email, 'USER', 'MEMBER'])];
  return rows.map((r) => csvRecord(r.map(guardFormula))).join('');
}

/** For pasting into a mail client's To line. */
export function copyAddresses(members: readonly ExportMember[]): string {
  return members.map((m) => m.email).join('; ');
}
