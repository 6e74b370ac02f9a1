import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test; the listing shows any temporary file an export left behind. */
export async function tempDir(): Promise<{ dir: string; list: () => Promise<string[]>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fielddesk-export-'));
  return { dir, list: async () => (await readdir(dir)).sort(), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Incident rows as the renderer would send them, covering every column type and the awkward text cases. */
export function incidentRow(i: number): Record<string, unknown> {
  const created = Date.UTC(2024, 2, 9, 14, 0, 0) + i * 3_600_000; // crosses the US DST change on 10 March
  return {
    number: `INC-${String(i).padStart(5, '0')}`,
    createdAt: new Date(created).toISOString(),
    updatedAt: created + 90 * 60_000,
    type: i % 2 ? 'incident' : 'request',
    title: i === 1 ? '=HYPERLINK("http://evil.example","Click")' : i === 2 ? 'Printer says "PC LOAD LETTER", again' : `Issue ${i}`,
    requester: 'Ana Ruiz',
    agency: 'County Court, Division 2',
    site: 'Main St',
    system: 'Case management',
    category: 'Hardware',
    priority: ['low', 'medium', 'high', 'critical'][i % 4],
    impact: 'medium',
    urgency: 'high',
    status: i % 3 ? 'open' : 'resolved',
    pendingReason: i === 3 ? '-waiting on vendor' : '',
    team: 'Desk',
    assignee: i % 5 ? 'Bo Chen' : null,
    escalationLevel: i % 3,
    firstResponseDueAt: new Date(created + 3_600_000),
    firstResponseAt: i % 2 ? created + 1_800_000 : null,
    firstResponseBreached: i % 2 === 0,
    resolutionDueAt: created + 86_400_000,
    resolvedAt: i % 3 ? null : created + 7_200_000,
    resolutionBreached: false,
    closedAt: null,
    timeSpentMinutes: i * 15,
    tags: ['vpn', 'court'],
    resolutionCode: i % 3 ? '' : 'fixed',
    resolutionText: i % 3 ? '' : 'Replaced the toner.\nTested with the clerk.',
    lastPublicUpdate: '@clerk: on it',
    workLogCount: 2,
  };
}

export function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
