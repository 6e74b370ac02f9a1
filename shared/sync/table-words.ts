/**
 * What the screens call the records of each table: "3 tickets", "1 history
 * entry", "8 work-log entries". Settings (changes waiting to sync), the
 * backup preview and the restore summary say these words, never a table
 * name. Tables that hold only the app's own bookkeeping (the outbox, search
 * word blocks, device settings, sync state) are marked `internal`: their
 * records are not something a person made, so lists for people leave them out.
 */
export interface TableWords {
  singular: string;
  plural: string;
  /** Not a record kind a person would recognise: left out of lists shown to people. */
  internal?: true;
}

const w = (singular: string, plural: string): TableWords => ({ singular, plural });
const internal = (singular: string, plural: string): TableWords => ({ singular, plural, internal: true });

export const TABLE_WORDS: Readonly<Record<string, TableWords>> = {
  people: w('person', 'people'),
  tickets: w('ticket', 'tickets'),
  workLog: w('work-log entry', 'work-log entries'),
  ticketHistory: w('history entry', 'history entries'),
  ticketLinks: w('ticket link', 'ticket links'),
  ticketAttachments: w('attachment', 'attachments'),
  agencies: w('agency', 'agencies'),
  teams: w('team', 'teams'),
  sites: w('site', 'sites'),
  systems: w('system', 'systems'),
  routingRules: w('routing rule', 'routing rules'),
  slaPolicies: w('SLA policy', 'SLA policies'),
  calendars: w('business calendar', 'business calendars'),
  courses: w('course', 'courses'),
  sessions: w('training session', 'training sessions'),
  registrations: w('registration', 'registrations'),
  attendance: w('attendance mark', 'attendance marks'),
  completions: w('course completion', 'course completions'),
  materials: w('handout', 'handouts'),
  materialVersions: w('handout version', 'handout versions'),
  // Access (issue 21).
  entitlements: w('entitlement', 'entitlements'),
  sodRules: w('separation-of-duties rule', 'separation-of-duties rules'),
  accessRequests: w('access request', 'access requests'),
  approvals: w('approval', 'approvals'),
  grants: w('access grant', 'access grants'),
  provisioningSteps: w('procedure step tick', 'procedure step ticks'),
  revocations: w('revocation', 'revocations'),
  departures: w('leaver', 'leavers'),
  accessAudit: w('access audit entry', 'access audit entries'),
  accessAttachments: w('access form or evidence file', 'access forms and evidence files'),
  reviewCampaigns: w('access review campaign', 'access review campaigns'),
  reviewItems: w('access review item', 'access review items'),
  reviewDecisions: w('access review decision', 'access review decisions'),
  distributionLists: w('distribution list', 'distribution lists'),
  listMemberships: w('list member', 'list members'),
  listLog: w('list join or leave entry', 'list join and leave entries'),
  // Scheduled work and reviews (issue 22).
  schedules: w('schedule', 'schedules'),
  outputJobs: w('output job', 'output jobs'),
  maintenanceWindows: w('maintenance window or freeze', 'maintenance windows and freezes'),
  occurrences: w('scheduled occurrence', 'scheduled occurrences'),
  outputRuns: w('output run', 'output runs'),
  changes: w('change', 'changes'),
  reviews: w('post-incident review', 'post-incident reviews'),
  actionItems: w('action item', 'action items'),
  cannedResponses: w('canned response', 'canned responses'),
  reportDefinitions: w('saved status report', 'saved status reports'),
  ticketDocuments: w('ticket–document link', 'ticket–document links'),
  informSettings: w('update reminder setting', 'update reminder settings'),
  outbox: internal('queued change', 'queued changes'),
  wordBlocks: internal('search index block', 'search index blocks'),
  meta: internal('device setting', 'device settings'),
  syncState: internal('sync bookmark', 'sync bookmarks'),
};

/** A table no list here knows (a newer version's): "other record(s)", never its raw name. */
const UNKNOWN: TableWords = { singular: 'other record', plural: 'other records' };

export const wordsFor = (table: string): TableWords => (Object.hasOwn(TABLE_WORDS, table) ? TABLE_WORDS[table]! : UNKNOWN);

/** Whether a person would recognise records of this table as something they made. */
export const isUserTable = (table: string): boolean => !wordsFor(table).internal;

/** "1 ticket", "3 tickets", "1,204 history entries". */
export function countOf(table: string, n: number, locale = 'en-US'): string {
  const words = wordsFor(table);
  return `${n.toLocaleString(locale)} ${n === 1 ? words.singular : words.plural}`;
}

/**
 * Counts per table as people read them: internal tables left out, tables
 * with nothing left out, unknown tables gathered into one "other records"
 * line, in the order of TABLE_WORDS (people and tickets first).
 */
export function countsInWords(counts: Readonly<Record<string, number>>, locale = 'en-US'): string[] {
  const order = Object.keys(TABLE_WORDS);
  const known = order.filter((t) => (counts[t] ?? 0) > 0 && isUserTable(t)).map((t) => countOf(t, counts[t]!, locale));
  const other = Object.entries(counts)
    .filter(([t, n]) => n > 0 && !Object.hasOwn(TABLE_WORDS, t))
    .reduce((sum, [, n]) => sum + n, 0);
  return other > 0 ? [...known, countOf('', other, locale)] : known;
}

/**
 * Changes waiting to sync, as people read them: per kind of record, how many
 * different records were added and how many changed ("300 tickets added",
 * "3 tickets changed", "8 history entries added"). A record added and then
 * edited before syncing counts once, as added; append-only tables only ever
 * add.
 */
export function pendingInWords(changes: ReadonlyArray<{ table: string; id: string; added?: boolean }>, appendOnly: (table: string) => boolean, locale = 'en-US'): string[] {
  const byTable = new Map<string, { added: Set<string>; touched: Set<string> }>();
  for (const c of changes) {
    if (!byTable.has(c.table)) byTable.set(c.table, { added: new Set(), touched: new Set() });
    const t = byTable.get(c.table)!;
    t.touched.add(c.id);
    if (c.added || appendOnly(c.table)) t.added.add(c.id);
  }
  const order = Object.keys(TABLE_WORDS);
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  const lines: string[] = [];
  for (const [t, { added, touched }] of [...byTable.entries()].filter(([t]) => isUserTable(t)).sort(([a], [b]) => rank(a) - rank(b))) {
    const changed = [...touched].filter((id) => !added.has(id)).length;
    if (added.size > 0) lines.push(`${countOf(t, added.size, locale)} added`);
    if (changed > 0) lines.push(`${countOf(t, changed, locale)} changed`);
  }
  return lines;
}
