import { err, ok, type Result } from '../../../../../shared/result';
import { CourseInputSchema, CourseSchema, type Course, type CourseInput } from '../../../../../shared/training/course';
import { parseWith } from '../../../../../shared/validation';
import { alive, type RepoContext } from './tables';

/** The course library: what is taught. The only writer of `courses`. */
export function coursesRepository({ db, t, now, newId }: RepoContext) {
  return {
    async create(input: CourseInput): Promise<Result<Course>> {
      const parsed = parseWith(CourseInputSchema, input, 'course');
      if (!parsed.ok) return parsed;
      const at = now();
      const record = parseWith(CourseSchema, { ...parsed.value, id: newId(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'course');
      if (!record.ok) return record;
      await t.courses.add(record.value);
      return ok((await t.courses.get(record.value.id))!);
    },

    async update(id: string, patch: Partial<CourseInput>): Promise<Result<Course>> {
      return db.transaction('rw', t.courses, async () => {
        const current = await t.courses.get(id);
        if (!current || current.deleted) return err('not_found', 'That course is no longer in the library.');
        const parsed = parseWith(CourseInputSchema, { ...current, ...patch }, 'course');
        if (!parsed.ok) return parsed;
        const next: Course = { ...current, ...parsed.value, updatedAt: now() };
        await t.courses.put(next);
        return ok(next);
      });
    },

    /** A tombstone; sessions keep pointing at it, so their history still reads. */
    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', [t.courses, t.sessions], async () => {
        const current = await t.courses.get(id);
        if (!current || current.deleted) return err('not_found', 'That course is no longer in the library.');
        const planned = alive(await t.sessions.where('courseId').equals(id).toArray()).filter((s) => s.status === 'scheduled');
        if (planned.length > 0) return err('conflict', `This course has ${planned.length} scheduled session${planned.length === 1 ? '' : 's'}; cancel ${planned.length === 1 ? 'it' : 'them'} first.`);
        await t.courses.put({ ...current, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },

    async list(): Promise<Course[]> {
      return alive(await t.courses.orderBy('title').toArray());
    },
  };
}
export type CoursesRepository = ReturnType<typeof coursesRepository>;
