import { err, ok, type Result } from '../../../../../shared/result';
import { AttachmentSchema, type Attachment } from '../../../../../shared/tickets/attachments';
import { withIds } from '../../../../../shared/tickets/history';
import { parseWith } from '../../../../../shared/validation';
import type { RepoContext } from './tables';
import type { TicketsRepository } from './tickets';

/** What main returns for a stored file (shared/ipc/contract.ts, attachments.add). */
export interface StoredFile {
  name: string;
  mime?: string;
  size: number;
  sha256: string;
}

/**
 * Attachment records. The bytes are stored by main (content-addressed, size
 * limited); this records which ticket they belong to, and syncs.
 */
export function attachmentsRepository(ctx: RepoContext, tickets: TicketsRepository) {
  const { db, t, now, newId, deviceId } = ctx;
  return {
    async add(ticketId: string, files: readonly StoredFile[]): Promise<Result<Attachment[]>> {
      const actor = await ctx.actor();
      const at = now();
      const records: Attachment[] = [];
      for (const f of files) {
        const parsed = parseWith(AttachmentSchema, { id: newId(), ticketId, name: f.name, mime: f.mime || undefined, size: f.size, sha256: f.sha256, addedBy: actor.id, addedAt: at, stamps: {}, deleted: 0 }, 'attachment');
        if (!parsed.ok) return parsed;
        records.push(parsed.value);
      }
      return db.transaction('rw', [...tickets.scope(), t.attachments], async () => {
        const ticket = await tickets.current(ticketId);
        if (!ticket.ok) return ticket;
        if (ticket.value.status === 'cancelled') return err('conflict', 'A cancelled ticket takes no more attachments');
        await t.attachments.bulkAdd(records);
        const events = records.map((a) => ({ ticketId, field: 'attachmentAdded', old: null, new: a.name, by: actor.id, device: deviceId(), at }));
        await t.history.bulkAdd(withIds(events, newId));
        return ok(records);
      });
    },
  };
}
