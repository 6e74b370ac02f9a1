/**
 * Column definitions shared by export (what to write, how to format it) and
 * import (what to read back, how to parse it). One list for both directions is
 * what makes "export, then import the file" give the same values.
 */
export const COLUMN_TYPES = ['text', 'date', 'datetime', 'duration_minutes', 'number', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnDef {
  /** Property of the row object the renderer sends (and of the record import produces). */
  key: string;
  /** The header cell text; import matches file headers against it. */
  header: string;
  type: ColumnType;
  /** Spreadsheet column width in characters. */
  width: number;
}

const col = (key: string, header: string, type: ColumnType, width: number): ColumnDef => ({ key, header, type, width });

/**
 * The incident log's default column set (issue 5). Row values the renderer
 * sends: datetimes as ISO strings, epoch milliseconds or Dates; `date` columns
 * as `YYYY-MM-DD`; booleans; numbers; text (string arrays such as tags are
 * joined with "; "). People and teams are sent as display names, not ids,
 * and codes as the labels the screens show ("Waiting on requester").
 */
export const INCIDENT_LOG_COLUMNS: readonly ColumnDef[] = [
  col('number', 'Number', 'text', 12),
  col('createdAt', 'Created', 'datetime', 17),
  col('updatedAt', 'Updated', 'datetime', 17),
  col('type', 'Type', 'text', 12),
  col('title', 'Title', 'text', 40),
  col('description', 'Description', 'text', 60),
  col('channel', 'Channel', 'text', 12),
  col('requester', 'Requester', 'text', 22),
  col('requesterEmail', 'Requester email', 'text', 28),
  col('requesterPhone', 'Requester phone', 'text', 16),
  col('agency', 'Agency/Court', 'text', 24),
  col('site', 'Site', 'text', 18),
  col('system', 'System', 'text', 18),
  col('category', 'Category', 'text', 18),
  col('priority', 'Priority', 'text', 10),
  col('impact', 'Impact', 'text', 10),
  col('urgency', 'Urgency', 'text', 10),
  col('status', 'Status', 'text', 12),
  col('pendingReason', 'Pending reason', 'text', 20),
  col('team', 'Team', 'text', 18),
  col('assignee', 'Assignee', 'text', 20),
  col('escalationLevel', 'Escalation level', 'number', 10),
  col('firstResponseDueAt', 'First response due', 'datetime', 17),
  col('firstResponseAt', 'First response at', 'datetime', 17),
  col('firstResponseBreached', 'First response breached', 'boolean', 10),
  col('resolutionDueAt', 'Resolution due', 'datetime', 17),
  col('resolvedAt', 'Resolved at', 'datetime', 17),
  col('resolutionBreached', 'Resolution breached', 'boolean', 10),
  col('closedAt', 'Closed at', 'datetime', 17),
  col('timeSpentMinutes', 'Time spent (minutes)', 'duration_minutes', 12),
  col('tags', 'Tags', 'text', 20),
  col('resolutionCode', 'Resolution code', 'text', 16),
  col('resolutionText', 'Resolution', 'text', 40),
  col('lastPublicUpdate', 'Last public update', 'text', 40),
  col('workLogCount', 'Work-log entries', 'number', 10),
];

/** Columns of the optional work-log sheet (XLSX) or second file (CSV). */
export const WORK_LOG_COLUMNS: readonly ColumnDef[] = [
  col('ticketNumber', 'Ticket number', 'text', 12),
  col('at', 'At', 'datetime', 17),
  col('author', 'Author', 'text', 20),
  col('visibility', 'Visibility', 'text', 10),
  col('minutes', 'Minutes', 'duration_minutes', 10),
  col('text', 'Entry', 'text', 60),
];

/** A caller-chosen subset, in the caller's order; unknown keys are reported, not dropped silently. */
export function pickColumns(all: readonly ColumnDef[], keys: readonly string[]): { columns: ColumnDef[]; unknown: string[] } {
  const byKey = new Map(all.map((c) => [c.key, c]));
  const columns: ColumnDef[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const found = byKey.get(key);
    if (found) columns.push(found);
    else unknown.push(key);
  }
  return { columns, unknown };
}

/** Problems that would make a file unreadable or ambiguous on import. */
export function checkColumns(columns: readonly ColumnDef[]): string[] {
  const problems: string[] = [];
  if (columns.length === 0) problems.push('No columns chosen');
  const keys = new Set<string>();
  const headers = new Set<string>();
  for (const c of columns) {
    if (!c.key) problems.push('A column has an empty key');
    if (keys.has(c.key)) problems.push(`Column key "${c.key}" appears twice`);
    const h = c.header.trim().toLowerCase();
    if (headers.has(h)) problems.push(`Column header "${c.header}" appears twice`);
    if (!(COLUMN_TYPES as readonly string[]).includes(c.type)) problems.push(`Column "${c.key}" has unknown type "${String(c.type)}"`);
    keys.add(c.key);
    headers.add(h);
  }
  return problems;
}

/** "Created (America/Los_Angeles)", "At (UTC)": a header that names the zone its times are written in. */
const ZONE_HEADER = /^(.*\S)\s*\(((?:UTC|GMT|Etc\/[A-Za-z0-9+-]+)|(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+))\)\s*$/;

/**
 * The headers of date-and-time columns with the time zone their values are
 * in: a spreadsheet holds wall-clock times without a zone, so the file says
 * it where the times are read ("Created (America/Los_Angeles)").
 */
export function withTimeZoneHeaders(columns: readonly ColumnDef[], timeZone: string): ColumnDef[] {
  return columns.map((c) => (c.type === 'datetime' ? { ...c, header: `${c.header} (${timeZone})` } : c));
}

/** A header without the zone withTimeZoneHeaders added, and that zone: "Created (UTC)" → Created, UTC. */
export function splitZoneHeader(header: string): { header: string; timeZone: string | null } {
  const m = ZONE_HEADER.exec(header);
  return m ? { header: m[1]!, timeZone: m[2]! } : { header, timeZone: null };
}
