import type { DistributionList, ListMembership } from '../../../../../shared/access/schema';
import { proposedRecipients, type ProposedRecipients } from '../../../../../shared/operations/recipients';
import type { OutputJob } from '../../../../../shared/operations/schemas';
import { accessTables } from '../access/tables';
import { localDate, type OpsContext } from './tables';

export interface ListChoice {
  id: string;
  name: string;
}

/**
 * Output jobs' distribution lists, read from access management's stores
 * (read only: the access repositories stay their only writers). A store this
 * device cannot read reads as empty, so its lists show as "(list removed)"
 * and the screen still opens.
 */
export function recipientsRepository(ctx: OpsContext) {
  const a = accessTables(ctx.db);
  const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  async function safely<T>(read: () => Promise<T[]>): Promise<T[]> {
    try {
      return await read();
    } catch {
      return [];
    }
  }

  return {
    /** The lists a job can name, by name. */
    async listChoices(): Promise<ListChoice[]> {
      const lists = await safely(() => a.lists.toArray());
      return lists
        .filter((l) => l.deleted !== 1)
        .map((l) => ({ id: l.id, name: l.name }))
        .sort((x, y) => x.name.localeCompare(y.name));
    },

    /** Who a job's output goes to today: its people and its lists' current members. */
    async forJob(job: Pick<OutputJob, 'customerIds'> & { listIds?: readonly string[] }): Promise<ProposedRecipients> {
      const listIds = [...new Set(job.listIds ?? [])];
      const [lists, memberships, people] = await Promise.all([
        safely<DistributionList>(() => a.lists.bulkGet(listIds).then((rows) => rows.filter((r): r is DistributionList => !!r))),
        safely<ListMembership>(() => (listIds.length ? a.memberships.where('listId').anyOf(listIds).toArray() : Promise.resolve([]))),
        safely(() => ctx.db.people.toArray()),
      ]);
      return proposedRecipients({
        customerIds: job.customerIds ?? [],
        listIds,
        lists,
        memberships,
        people: people.filter((p) => p.deleted !== 1).map((p) => ({ id: p.id, name: p.name, email: p.email })),
        today: localDate(ctx.now(), zone()),
      });
    },
  };
}
export type RecipientsRepository = ReturnType<typeof recipientsRepository>;
