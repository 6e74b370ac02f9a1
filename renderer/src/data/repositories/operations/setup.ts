import type { Table } from 'dexie';
import type { z } from 'zod';
import { ok, type Result } from '../../../../../shared/result';
import {
  OutputJobInputSchema,
  OutputJobSchema,
  ScheduleInputSchema,
  ScheduleSchema,
  WindowInputSchema,
  MaintenanceWindowSchema,
  type MaintenanceWindow,
  type OutputJob,
  type OutputJobInput,
  type Schedule,
  type ScheduleInput,
  type WindowInput,
} from '../../../../../shared/operations/schemas';
import { parseWith } from '../../../../../shared/validation';
import { alive, live, type OpsContext } from './tables';

interface Rec {
  id: string;
  createdAt: string;
  updatedAt: string;
  stamps: Record<string, string>;
  deleted: 0 | 1;
}

/**
 * Create, edit and remove (tombstone) for a record kind set up by a form. The
 * whole input is validated on each save; nothing is written when it fails.
 */
export function crud<T extends Rec, I>(
  { db, now, newId }: Pick<OpsContext, 'db' | 'now' | 'newId'>,
  table: Table<T, string>,
  input: z.ZodType<unknown, I>,
  stored: z.ZodType,
  what: string,
) {
  return {
    async create(value: I): Promise<Result<T>> {
      const parsed = parseWith(input, value, what);
      if (!parsed.ok) return parsed;
      const at = now();
      const record = parseWith(stored, { ...(parsed.value as object), id: newId(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, what);
      if (!record.ok) return record;
      await table.add(record.value as T);
      return ok(record.value as T);
    },
    async update(id: string, patch: Partial<I>): Promise<Result<T>> {
      return db.transaction('rw', table, async () => {
        const current = await live(table, id, what);
        if (!current.ok) return current;
        const parsed = parseWith(input, { ...current.value, ...patch }, what);
        if (!parsed.ok) return parsed;
        const next = { ...current.value, ...(parsed.value as object), updatedAt: now() } as T;
        await table.put(next);
        return ok(next);
      });
    },
    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', table, async () => {
        const current = await live(table, id, what);
        if (!current.ok) return current;
        await table.put({ ...current.value, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },
    async list(): Promise<T[]> {
      return alive(await table.toArray());
    },
  };
}

export function schedulesRepository(ctx: OpsContext) {
  return crud<Schedule, ScheduleInput>(ctx, ctx.t.schedules, ScheduleInputSchema, ScheduleSchema, 'schedule');
}

export function windowsRepository(ctx: OpsContext) {
  return crud<MaintenanceWindow, WindowInput>(ctx, ctx.t.windows, WindowInputSchema, MaintenanceWindowSchema, 'maintenance window');
}

export function jobsRepository(ctx: OpsContext) {
  return crud<OutputJob, OutputJobInput>(ctx, ctx.t.jobs, OutputJobInputSchema, OutputJobSchema, 'output job');
}
