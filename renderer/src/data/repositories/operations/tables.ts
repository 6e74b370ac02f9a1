import type { Table } from 'dexie';
import { err, ok, type Result } from '../../../../../shared/result';
import type { ActionItem, Change, MaintenanceWindow, Occurrence, OutputJob, OutputRun, Review, Schedule } from '../../../../../shared/operations/schemas';
import type { FieldDeskDb } from '../../db';
import type { Actor, TicketRepositories } from '../tickets';

/** Typed handles on the operations stores (declared in repositories/operations/stores.ts). */
export interface OperationsTables {
  schedules: Table<Schedule, string>;
  occurrences: Table<Occurrence, string>;
  windows: Table<MaintenanceWindow, string>;
  changes: Table<Change, string>;
  jobs: Table<OutputJob, string>;
  runs: Table<OutputRun, string>;
  reviews: Table<Review, string>;
  actions: Table<ActionItem, string>;
}

export function operationsTables(db: FieldDeskDb): OperationsTables {
  return {
    schedules: db.table('schedules'),
    occurrences: db.table('occurrences'),
    windows: db.table('maintenanceWindows'),
    changes: db.table('changes'),
    jobs: db.table('outputJobs'),
    runs: db.table('outputRuns'),
    reviews: db.table('reviews'),
    actions: db.table('actionItems'),
  };
}

/** What every operations repository is built from. `now`, `newId` and `actor` are injectable for tests. */
export interface OpsContext {
  db: FieldDeskDb;
  t: OperationsTables;
  now: () => string;
  newId: () => string;
  actor: () => Promise<Actor>;
  /** Ticket repositories whose creates take the given id (derived ids for occurrences, fresh otherwise). */
  ticketsWithId: (id: string) => TicketRepositories;
  tickets: TicketRepositories;
}

export const alive = <T extends { deleted: 0 | 1 }>(rows: readonly T[]): T[] => rows.filter((r) => r.deleted !== 1);

export const notFound = (what: string): Result<never> => err('not_found', `That ${what} no longer exists on this device.`);

/** A record that exists and is not a tombstone. */
export async function live<T extends { deleted: 0 | 1 }>(table: Table<T, string>, id: string, what: string): Promise<Result<T>> {
  const row = await table.get(id);
  return row && row.deleted !== 1 ? ok(row) : notFound(what);
}

/** The local calendar date of an instant in a zone. */
export function localDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
