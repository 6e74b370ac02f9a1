import { describe, expect, it } from 'vitest';
import { compareTexts, compareVersions, documentWords, matchesDocument, needsReview, restoreVersion, solvedCounts, suggestDocuments, ticketDocumentId } from '../../../../shared/inform/documents';
import { assembleStatusReport, periodDates, ReportDefinitionInputSchema, type ReportTicket } from '../../../../shared/inform/report';
import { documentCheck, INFORM_SYNC_TABLES } from '../../../../shared/inform/sync-tables';
import { MaterialSchema, MaterialVersionSchema, nextMaterialVersion, type Material } from '../../../../shared/training/material';
import type { WriteRuleContext } from '../../../../shared/sync/tables-spec';
import { parseWith } from '../../../../shared/validation';

const T = '2026-11-02T16:00:00.000Z';
const material = (over: Partial<Material> = {}): Material =>
  MaterialSchema.parse({ id: 'm1', kind: 'workInstruction', title: 'Reset a jury portal password', system: 'Jury portal', body: 'Step 1\nStep 2\n', createdAt: T, updatedAt: T, stamps: {}, deleted: 0, ...over });

describe('documents', () => {
  it('reads an old material (no document fields) with defaults', () => {
    const m = MaterialSchema.parse({ id: 'm', kind: 'handout', title: 'Old', system: 'E-filing', body: '', images: [], version: 2, createdAt: T, updatedAt: T, stamps: {}, deleted: 0 });
    expect(m).toMatchObject({ state: 'draft', ownerId: null, audience: 'staff', systems: [], tags: [], reviewBy: null });
    expect(MaterialSchema.safeParse({ ...m, kind: 'knownError', state: 'published', reviewBy: '2027-01-01' }).success).toBe(true);
    expect(MaterialSchema.safeParse({ ...m, state: 'final' }).success).toBe(false);
  });

  it('compares two texts side by side, pairing changed lines', () => {
    const c = compareTexts('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(c.rows).toEqual([
      { kind: 'same', left: 'a', right: 'a', leftNo: 1, rightNo: 1 },
      { kind: 'changed', left: 'b', right: 'B', leftNo: 2, rightNo: 2 },
      { kind: 'same', left: 'c', right: 'c', leftNo: 3, rightNo: 3 },
      { kind: 'added', left: null, right: 'd', leftNo: null, rightNo: 4 },
    ]);
    expect([c.added, c.removed]).toEqual([2, 1]);
    expect(compareTexts('x\ny\n', 'x\n').rows[1]).toEqual({ kind: 'removed', left: 'y', right: null, leftNo: 2, rightNo: null });
  });

  it('compares versions: text and the other fields that differ', () => {
    const v1 = nextMaterialVersion({ material: material(), versions: [], now: T, publishedBy: 'p1', newId: () => 'v1' });
    const v2 = nextMaterialVersion({ material: material({ title: 'Reset a password', body: 'Step 1\nStep 2b\n', tags: ['jury'] }), versions: [v1], now: T, publishedBy: 'p1', newId: () => 'v2' });
    expect(v2.version).toBe(2);
    const c = compareVersions(v1, v2);
    expect(c.fields).toEqual([
      { field: 'title', left: 'Reset a jury portal password', right: 'Reset a password' },
      { field: 'tags', left: '', right: 'jury' },
    ]);
    expect(c.rows.filter((r) => r.kind === 'changed')).toHaveLength(1);
  });

  it('restores an old version as a new version, keeping history and the state', () => {
    const v1 = MaterialVersionSchema.parse({ ...nextMaterialVersion({ material: material(), versions: [], now: T, publishedBy: 'p1', newId: () => 'v1' }), stamps: {}, deleted: 0 });
    const current = material({ body: 'Wrong\n', version: 3, state: 'published' });
    const r = restoreVersion({ material: current, version: v1, versions: [{ materialId: 'm1', version: 1 }, { materialId: 'm1', version: 3 }], now: '2026-11-05T00:00:00.000Z', by: 'p2', newId: () => 'v4' });
    expect(r.version).toMatchObject({ id: 'v4', version: 4, body: 'Step 1\nStep 2\n', changeNote: 'Restored version 1', publishedBy: 'p2' });
    expect(r.material).toMatchObject({ body: 'Step 1\nStep 2\n', version: 4, state: 'published', updatedAt: '2026-11-05T00:00:00.000Z' });
  });

  it('lists documents past their review-by date', () => {
    const docs = [material({ id: 'a', title: 'A', reviewBy: '2026-10-01' }), material({ id: 'b', title: 'B', reviewBy: '2026-12-01' }), material({ id: 'c', title: 'C', reviewBy: '2026-09-01', state: 'retired' }), material({ id: 'd', title: 'D' })];
    expect(needsReview(docs, '2026-11-05').map((d) => d.id)).toEqual(['a']);
  });

  it('finds documents by words of their title, systems, tags and text (prefix, accents folded)', () => {
    const words = documentWords(material({ body: 'Open the Configuración page ![shot](image:abc)', tags: ['passwords'] }));
    expect(matchesDocument(words, 'jury config')).toBe(true);
    expect(matchesDocument(words, 'configuracion pass')).toBe(true);
    expect(matchesDocument(words, 'image')).toBe(false);
    expect(matchesDocument(words, 'printer')).toBe(false);
  });

  it('suggests published documents for a ticket’s system and words, never retired ones', () => {
    const docs = [
      material({ id: 'sys', state: 'published' }),
      material({ id: 'words', title: 'Printer tray jams', system: 'Hardware', body: 'Clear the tray', state: 'published' }),
      material({ id: 'draft', state: 'draft' }),
      material({ id: 'retired', state: 'retired' }),
    ];
    const s = suggestDocuments({ ticket: { title: 'Jury portal password reset', systemName: 'jury portal' }, docs });
    expect(s.map((x) => x.doc.id)).toEqual(['sys']);
    expect(s[0]).toMatchObject({ system: true, sharedWords: ['jury', 'password', 'portal', 'reset'] });
    expect(suggestDocuments({ ticket: { title: 'Printer tray jams again', systemName: null }, docs }).map((x) => x.doc.id)).toEqual(['words']);
    expect(suggestDocuments({ ticket: { title: 'Jury portal', systemName: 'Jury portal' }, docs, includeDrafts: true }).map((x) => x.doc.id)).toEqual(['sys', 'draft']);
  });

  it('counts tickets solved with a document once each, and links a pair under one id', () => {
    const l = (ticketId: string, materialId: string, relation: 'resolvedWith' | 'referenced' = 'resolvedWith', deleted: 0 | 1 = 0) => ({ ticketId, materialId, relation, deleted });
    expect([...solvedCounts([l('t1', 'm1'), l('t1', 'm1'), l('t2', 'm1'), l('t3', 'm1', 'referenced'), l('t4', 'm1', 'resolvedWith', 1), l('t1', 'm2')])]).toEqual([['m1', 2], ['m2', 1]]);
    expect(ticketDocumentId('t1', 'm1')).toBe('td_t1_m1');
    const long = ticketDocumentId('0190f1a2-0000-7000-8000-000000000001', '0190f1a2-0000-7000-8000-000000000002');
    expect(long).toMatch(/^td_[0-9a-f]{16}$/);
    expect(long).not.toBe(ticketDocumentId('0190f1a2-0000-7000-8000-000000000001', '0190f1a2-0000-7000-8000-000000000003'));
  });
});

describe('status reports', () => {
  const tz = 'America/Los_Angeles';
  const ticket = (over: Partial<ReportTicket>): ReportTicket => ({
    id: 't', number: 'KX7Q-00001', title: 'T', status: 'open', pendingReason: null, priority: 'P3', createdAt: '2026-10-05T17:00:00.000Z', resolvedAt: null, closedAt: null, resolution: null,
    resolutionDue: null, siteId: 'site-a', teamId: 'team-1', requesterId: 'req-1', assigneeId: 'tech-1', mergedInto: null, deleted: 0, ...over,
  });
  const siteAgency = new Map([['site-a', 'agency-1'], ['site-b', 'agency-1'], ['site-x', 'agency-2']]);
  const tickets = [
    ticket({ id: 'o1', number: 'KX7Q-00001', priority: 'P3' }),
    ticket({ id: 'o2', number: 'KX7Q-00002', priority: 'P1', siteId: 'site-b', createdAt: '2026-10-20T17:00:00.000Z', resolutionDue: '2026-10-21T17:00:00.000Z' }),
    ticket({ id: 'w', number: 'KX7Q-00003', status: 'pending', pendingReason: 'waiting_on_requester', createdAt: '2026-09-01T17:00:00.000Z' }),
    ticket({ id: 'r', number: 'KX7Q-00004', status: 'resolved', resolvedAt: '2026-10-13T18:00:00.000Z', resolution: { code: 'fixed', text: 'Replaced the toner', rootCause: '' }, createdAt: '2026-10-12T17:00:00.000Z' }),
    ticket({ id: 'other', number: 'KX7Q-00005', siteId: 'site-x' }),
    ticket({ id: 'gone', number: 'KX7Q-00006', deleted: 1 }),
    // Resolved at 23:30 on Oct 31 Pacific, which is Nov 1 in UTC: inside an October period.
    ticket({ id: 'late', number: 'KX7Q-00007', status: 'closed', resolvedAt: '2026-11-01T06:30:00.000Z', closedAt: '2026-11-01T06:30:00.000Z', resolution: { code: 'workaround', text: 'Use tray 1', rootCause: '' } }),
  ];

  it('assembles open, resolved, counts, trend, training and waiting for an agency over a period', () => {
    const r = assembleStatusReport({
      scope: 'agency', scopeId: 'agency-1', period: { from: '2026-10-01', to: '2026-10-31' }, timeZone: tz, now: '2026-11-02T17:00:00.000Z', tickets, siteAgency,
      lastContact: new Map([['o1', '2026-10-30T17:00:00.000Z']]),
      sla: (t) => (t.id === 'o2' ? 'breached' : 'on track'),
      training: [
        { sessionId: 's1', title: 'E-filing basics', startLocal: '2026-10-14T09:00', status: 'completed', agencyIds: ['agency-1'], attendees: 7 },
        { sessionId: 's2', title: 'Other agency', startLocal: '2026-10-15T09:00', status: 'completed', agencyIds: ['agency-2'], attendees: 3 },
        { sessionId: 's3', title: 'Cancelled', startLocal: '2026-10-16T09:00', status: 'cancelled', agencyIds: ['agency-1'], attendees: 0 },
      ],
      names: { people: new Map([['req-1', 'Ana Ruiz'], ['tech-1', 'Lee Park']]), sites: new Map([['site-a', 'Hall of Justice']]) },
    });
    expect(r.open.map((o) => o.id)).toEqual(['o2', 'w', 'o1']);
    expect(r.open[2]).toMatchObject({ ageDays: 28, sla: 'on track', lastUpdate: '2026-10-30T17:00:00.000Z', requester: 'Ana Ruiz', assignee: 'Lee Park', site: 'Hall of Justice', status: 'Open' });
    expect(r.resolved.map((x) => [x.id, x.resolution])).toEqual([['r', 'Replaced the toner'], ['late', 'Use tray 1']]);
    expect(r.counts).toEqual({ open: 3, opened: 4, resolved: 2, breached: 1, waiting: 1, byPriority: { P1: 1, P2: 0, P3: 2, P4: 0 } });
    expect(r.waiting.map((w) => w.id)).toEqual(['w']);
    expect(r.training.map((s) => s.title)).toEqual(['E-filing basics']);
    expect(r.trend[0]).toEqual({ start: '2026-10-01', opened: 0, resolved: 0, breached: 0 });
    const sum = (k: 'opened' | 'resolved' | 'breached') => r.trend.reduce((n, b) => n + b[k], 0);
    expect([sum('opened'), sum('resolved'), sum('breached')]).toEqual([4, 2, 1]);
    expect(r.trend.find((b) => b.start === '2026-10-19')).toEqual({ start: '2026-10-19', opened: 1, resolved: 0, breached: 1 });
  });

  it('scopes by site, requester and team', () => {
    const base = { period: { from: '2026-10-01', to: '2026-10-31' }, timeZone: tz, now: '2026-11-02T17:00:00.000Z', tickets, siteAgency, lastContact: new Map<string, string>() };
    expect(assembleStatusReport({ ...base, scope: 'site', scopeId: 'site-b' }).open.map((o) => o.id)).toEqual(['o2']);
    expect(assembleStatusReport({ ...base, scope: 'requester', scopeId: 'req-1' }).counts.open).toBe(4);
    expect(assembleStatusReport({ ...base, scope: 'team', scopeId: 'nobody' }).counts.open).toBe(0);
  });

  it('works out periods and checks saved definitions', () => {
    expect(periodDates('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodDates('lastWeek', '2026-11-05')).toEqual({ from: '2026-10-26', to: '2026-11-01' });
    expect(periodDates('last30', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(parseWith(ReportDefinitionInputSchema, { name: 'Eastside monthly', scope: 'agency', scopeId: 'a1' })).toMatchObject({ ok: true, value: { period: 'lastMonth', paper: 'letter' } });
    expect(parseWith(ReportDefinitionInputSchema, { name: 'X', scope: 'agency', scopeId: 'a1', period: 'custom', from: '2026-02-01', to: '2026-01-01' }).ok).toBe(false);
  });
});

describe('write rules', () => {
  const ctx = (role: 'technician' | 'coordinator' | 'admin', before: Record<string, unknown> | null, after: Record<string, unknown>, table = 'materials'): WriteRuleContext => ({
    user: { id: 'u', role, personId: 'me' }, table, id: 'x', before, after, changed: Object.keys(after),
  });
  it('lets every role draft documents; only coordinators and admins publish, retire or change published ones', () => {
    expect(documentCheck(ctx('technician', null, { state: 'draft' }))).toBeNull();
    expect(documentCheck(ctx('technician', null, { title: 'no state yet' }))).toBeNull();
    expect(documentCheck(ctx('technician', { state: 'draft' }, { state: 'published' }))).toMatch(/publish/);
    expect(documentCheck(ctx('technician', { state: 'published' }, { state: 'draft' }))).toMatch(/published or retired/);
    // A record from before states existed with a published version counts as published.
    expect(documentCheck(ctx('technician', { version: 2 }, { version: 2, title: 'x' }))).toMatch(/published or retired/);
    expect(documentCheck(ctx('coordinator', { state: 'draft' }, { state: 'published' }))).toBeNull();
    expect(documentCheck(ctx('admin', { state: 'published' }, { state: 'retired' }))).toBeNull();
  });
  it('keeps canned responses and the cadence to coordinators and admins; report definitions to their owner; links to their maker', () => {
    expect(INFORM_SYNC_TABLES.cannedResponses.rule.roles).toEqual(['coordinator', 'admin']);
    expect(INFORM_SYNC_TABLES.informSettings.rule.roles).toEqual(['coordinator', 'admin']);
    const def = INFORM_SYNC_TABLES.reportDefinitions.rule.check;
    expect(def(ctx('technician', null, { ownerId: 'me' }, 'reportDefinitions'))).toBeNull();
    expect(def(ctx('technician', null, { ownerId: 'someone' }, 'reportDefinitions'))).toMatch(/owned/);
    expect(def(ctx('technician', { ownerId: 'someone' }, { ownerId: 'me' }, 'reportDefinitions'))).toMatch(/owner/);
    expect(def(ctx('coordinator', { ownerId: 'someone' }, { ownerId: 'someone' }, 'reportDefinitions'))).toBeNull();
    const link = INFORM_SYNC_TABLES.ticketDocuments.rule.check;
    expect(link(ctx('technician', null, { linkedBy: 'me' }, 'ticketDocuments'))).toBeNull();
    expect(link(ctx('technician', null, { linkedBy: 'else' }, 'ticketDocuments'))).toMatch(/person who made it/);
    expect(link(ctx('coordinator', null, { linkedBy: 'else' }, 'ticketDocuments'))).toBeNull();
    expect(link(ctx('technician', { linkedBy: 'else' }, { linkedBy: 'else', deleted: 1 }, 'ticketDocuments'))).toBeNull();
  });
  it('validates each table’s records with its schema', () => {
    const s = INFORM_SYNC_TABLES;
    expect(s.cannedResponses.schema.safeParse({ id: 'c', name: 'hello', body: 'Hi {requester.firstName}', createdAt: T, updatedAt: T }).success).toBe(true);
    expect(s.cannedResponses.schema.safeParse({ id: 'c', name: 'has space', body: 'x', createdAt: T, updatedAt: T }).success).toBe(false);
    expect(s.ticketDocuments.schema.safeParse({ id: 'l', ticketId: 't', materialId: 'm', linkedBy: 'p', linkedAt: T, createdAt: T, updatedAt: T }).success).toBe(true);
    expect(s.ticketDocuments.schema.safeParse({ id: 'l', ticketId: 't', materialId: 'm', relation: 'fixedBy', linkedBy: 'p', linkedAt: T, createdAt: T, updatedAt: T }).success).toBe(false);
    expect(s.reportDefinitions.schema.safeParse({ id: 'r', name: 'Monthly', scope: 'agency', scopeId: 'a', ownerId: 'p', createdAt: T, updatedAt: T }).success).toBe(true);
    expect(s.informSettings.schema.safeParse({ id: 'default', cadence: { P1: 0 }, createdAt: T, updatedAt: T }).success).toBe(false);
  });
});
