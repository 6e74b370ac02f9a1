import { incidentRow, type IncidentLookups } from '../../shared/export/incident-row';
import { generateSampleData, type SampleChunk } from '../../shared/sample-data';
import type { Ticket } from '../../shared/tickets/schema';
import type { WorkLogEntry } from '../../shared/tickets/worklog';

/**
 * Incident-log rows for N generated tickets, built the way the renderer builds
 * them (incidentRow over tickets, work log and name lookups), in chunks.
 */
export function incidentRows(tickets: number): Record<string, unknown>[][] {
  const names = new Map<string, string>();
  const people = new Map<string, { name: string; agency: string }>();
  const pending: Ticket[] = [];
  const log = new Map<string, WorkLogEntry[]>();
  for (const chunk of generateSampleData({ seed: 1, tickets, people: Math.max(100, tickets / 5), workLogEntries: tickets * 2, history: false, chunkSize: 5000 }) as Iterable<SampleChunk>) {
    if (chunk.table === 'people') for (const p of chunk.records) people.set(p.id, { name: p.name, agency: p.agency });
    else if (chunk.table === 'tickets') pending.push(...chunk.records);
    else if (chunk.table === 'workLog') for (const e of chunk.records) log.set(e.ticketId, [...(log.get(e.ticketId) ?? []), e]);
    else if ('records' in chunk) for (const r of chunk.records as { id: string; name?: string }[]) if (r.name) names.set(r.id, r.name);
  }
  const lookups: IncidentLookups = {
    person: (id) => (id ? people.get(id) : undefined),
    team: (id) => (id ? names.get(id) : undefined),
    site: (id) => (id ? names.get(id) : undefined),
    system: (id) => (id ? names.get(id) : undefined),
  };
  const now = '2025-06-02T16:00:00.000Z';
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < pending.length; i += 2000) chunks.push(pending.slice(i, i + 2000).map((t) => incidentRow(t, log.get(t.id) ?? [], lookups, now)));
  return chunks;
}
