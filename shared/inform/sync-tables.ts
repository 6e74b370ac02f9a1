import { isManager, isOwnPerson, MANAGERS, storedSchema } from '../sync/stored-schema';
import type { SyncTableSpec, TableWriteRule, WriteRuleContext } from '../sync/tables-spec';
import { CannedResponseSchema } from './canned';
import { TicketDocumentSchema } from './documents';
import { ReportDefinitionSchema } from './report';
import { InformSettingsSchema } from './updates';

/**
 * Keeping people informed: canned responses, saved status-report
 * definitions, links between tickets and the documents that solved them,
 * and the desk's update cadence. Documents themselves are training's
 * materials (one library; their rule is in shared/training/sync-tables.ts,
 * built from documentCheck below). Mail drafts are local files and never sync.
 *
 * Write rules: coordinators and admins manage canned responses and the
 * cadence, and publish documents; every role drafts documents, saves report
 * definitions of their own and links tickets to documents.
 */

/** A document's state as stored; a record from before states existed counts as published once it had a version. */
export function documentStateOf(rec: Readonly<Record<string, unknown>> | null | undefined): string {
  if (!rec) return 'draft';
  if (typeof rec.state === 'string') return rec.state;
  return typeof rec.version === 'number' && rec.version > 0 ? 'published' : 'draft';
}

/**
 * Materials and material versions: anyone drafts; only coordinators and
 * admins publish or retire, or change a document that is published or
 * retired (a technician's edit to it is a new draft of their own).
 */
export function documentCheck(ctx: WriteRuleContext): string | null {
  if (isManager(ctx)) return null;
  if (ctx.before !== null && documentStateOf(ctx.before) !== 'draft') return 'Only a coordinator or admin may change a published or retired document';
  if (documentStateOf(ctx.after) !== 'draft') return 'Only a coordinator or admin may publish or retire a document';
  return null;
}

/** A report definition: its owner's (the signed-in user, when created), or a manager's. */
function definitionCheck(ctx: WriteRuleContext): string | null {
  if (isManager(ctx)) return null;
  if (ctx.before !== null && !isOwnPerson(ctx, ctx.before.ownerId)) return 'Only its owner, a coordinator or an admin may change a saved report';
  if (!isOwnPerson(ctx, ctx.after.ownerId)) return 'A saved report is owned by the person who saves it';
  return null;
}

/** A link is made by the signed-in user (`linkedBy`; a coordinator or admin may record one for someone); anyone may unlink. */
function linkCheck(ctx: WriteRuleContext): string | null {
  if (ctx.before === null && !isManager(ctx) && !isOwnPerson(ctx, ctx.after.linkedBy)) return 'A link names the person who made it';
  return null;
}

const managers = (summary: string): TableWriteRule => ({ roles: MANAGERS, summary });

export const INFORM_SYNC_TABLES = {
  cannedResponses: { merge: 'lww', schema: storedSchema(CannedResponseSchema), rule: managers('Coordinators and admins.') },
  reportDefinitions: {
    merge: 'lww',
    schema: storedSchema(ReportDefinitionSchema),
    rule: { roles: 'any', check: definitionCheck, summary: 'Every role, for saved reports of their own (`ownerId` is the user’s person id); coordinators and admins, any.' },
  },
  ticketDocuments: {
    merge: 'lww',
    schema: storedSchema(TicketDocumentSchema),
    rule: { roles: 'any', check: linkCheck, summary: 'Every role; a new link’s `linkedBy` is the signed-in user (coordinators and admins may name another).' },
  },
  informSettings: { merge: 'lww', schema: storedSchema(InformSettingsSchema), rule: managers('Coordinators and admins.') },
} as const satisfies Record<string, SyncTableSpec>;
