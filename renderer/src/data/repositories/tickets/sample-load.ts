import { PersonSchema } from '../../../../../shared/people/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import { generateSampleData, type SampleChunk, type SampleOptions } from '../../../../../shared/sample-data';
import { BusinessCalendarSchema } from '../../../../../shared/tickets/calendar';
import { AgencySchema, SiteSchema, SystemSchema, TeamSchema } from '../../../../../shared/tickets/catalog';
import { HistoryEventSchema } from '../../../../../shared/tickets/history';
import { TicketLinkSchema } from '../../../../../shared/tickets/links';
import { RoutingRuleSchema } from '../../../../../shared/tickets/routing';
import { TicketSchema } from '../../../../../shared/tickets/schema';
import { SlaPolicySchema } from '../../../../../shared/tickets/sla';
import { WorkLogEntrySchema } from '../../../../../shared/tickets/worklog';
import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import { parseWith } from '../../../../../shared/validation';
import { withKeys } from './derive';
import type { RepoContext, TicketTables } from './tables';

export interface LoadProgress {
  done: number;
  total: number;
  label: string;
}

export interface LoadOptions extends SampleOptions {
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
  /**
   * Check every generated record against its schema before writing (default
   * true). The generator is built on the same rules, so this is the
   * repository boundary doing its job, not an expected failure.
   */
  validate?: boolean;
  /** Chunks to write instead of generating them from the options (the benchmark times generation apart). */
  source?: Iterable<SampleChunk>;
}

const SCHEMAS: Record<SampleChunk['table'], z.ZodType> = {
  agencies: AgencySchema,
  sites: SiteSchema,
  systems: SystemSchema,
  teams: TeamSchema,
  calendars: BusinessCalendarSchema,
  slaPolicies: SlaPolicySchema,
  routingRules: RoutingRuleSchema,
  people: PersonSchema,
  tickets: TicketSchema,
  workLog: WorkLogEntrySchema,
  ticketHistory: HistoryEventSchema,
  ticketLinks: TicketLinkSchema,
};

const LABELS: Record<SampleChunk['table'], string> = {
  agencies: 'agencies',
  sites: 'sites',
  systems: 'systems',
  teams: 'teams',
  calendars: 'calendars',
  slaPolicies: 'SLA policies',
  routingRules: 'routing rules',
  people: 'people',
  tickets: 'tickets',
  workLog: 'work-log entries',
  ticketHistory: 'history events',
  ticketLinks: 'links',
};

/** Resolves in a later task, after pending microtasks; unlike setTimeout, not throttled in a hidden window. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function tableOf(t: TicketTables, db: RepoContext['db'], name: SampleChunk['table']): Table<unknown, string> {
  switch (name) {
    case 'people':
      return db.people as Table<unknown, string>;
    case 'ticketHistory':
      return t.history as Table<unknown, string>;
    case 'ticketLinks':
      return t.links as Table<unknown, string>;
    default:
      return db.table<unknown, string>(name);
  }
}

/**
 * Write a chunk: added as new records (the change log then has nothing stored
 * to compare with, so it skips reading them back), and any that already exist
 * (sample data loaded twice) replaced in a second step of the same transaction.
 */
async function addOrReplace(table: Table<unknown, string>, records: unknown[]): Promise<void> {
  try {
    await table.bulkAdd(records);
  } catch (e) {
    if (!(e instanceof Dexie.BulkError)) throw e;
    await table.bulkPut(Object.keys(e.failuresByPos).map((i) => records[Number(i)]));
  }
}

/**
 * Fill this device with generated agencies, sites, systems, people and
 * tickets (shared/sample-data). Each chunk is written in its own transaction
 * through the change-log middleware, so every record is also queued for sync,
 * exactly as if it had been typed in. Cancel stops between chunks: what was
 * written stays, consistent chunk by chunk.
 */
export function sampleDataLoader(ctx: RepoContext) {
  const { db, t } = ctx;
  return {
    async load(o: LoadOptions = {}): Promise<Result<{ tickets: number; records: number; cancelled: boolean }>> {
      const tickets = o.tickets ?? 500;
      const workLog = o.workLogEntries ?? tickets * 5;
      const people = o.people ?? 200;
      // History is about nine events per ticket; an estimate is enough for a progress bar.
      const total = people + tickets + workLog + (o.history === false ? 0 : tickets * 9) + 200;
      let done = 0;
      let written = 0;
      const validate = o.validate ?? true;
      // One chunk is written while the next is generated and checked: the database works in another
      // process, so its commit and this thread's checking overlap instead of taking turns.
      let writing: Promise<void> | null = null;
      const settle = async (): Promise<void> => {
        await writing;
        writing = null;
      };
      for (const chunk of o.source ?? generateSampleData(o)) {
        if (o.signal?.aborted) {
          await settle();
          return ok({ tickets: written, records: done, cancelled: true });
        }
        let records: unknown[] = chunk.records;
        if (validate) {
          const schema = SCHEMAS[chunk.table];
          for (const [i, r] of records.entries()) {
            const parsed = parseWith(schema, r, LABELS[chunk.table]);
            if (!parsed.ok) {
              await settle();
              return err('internal', `Sample ${LABELS[chunk.table]} record ${i + 1} is invalid: ${parsed.error.message}`);
            }
          }
        }
        if (chunk.table === 'tickets') records = chunk.records.map(withKeys);
        const table = tableOf(t, db, chunk.table);
        await settle();
        writing = db.transaction('rw', table, () => addOrReplace(table, records)).then(() => {
          done += records.length;
          if (chunk.table === 'tickets') written += records.length;
          o.onProgress?.({ done: Math.min(done, total), total, label: `Loaded ${written.toLocaleString('en-US')} of ${tickets.toLocaleString('en-US')} tickets (${LABELS[chunk.table]})` });
        });
        // Dexie opens the transaction and hands the records to IndexedDB in microtasks: let them run before
        // this thread turns to the next chunk. (Outside any transaction, so yielding a task is safe.)
        await nextTask();
      }
      await settle();
      return ok({ tickets: written, records: done, cancelled: false });
    },
  };
}
