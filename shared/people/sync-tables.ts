import { isManager, isOwnPerson, MANAGERS, storedSchema } from '../sync/stored-schema';
import type { SyncTableSpec, WriteRuleContext } from '../sync/tables-spec';
import { PersonSchema } from './schema';

/** Contact details: what anyone may correct on a requester, and a user on their own staff record. */
export const CONTACT_FIELDS = ['name', 'email', 'phone', 'agency', 'site', 'title'] as const;

const contactOrTime = new Set<string>([...CONTACT_FIELDS, 'updatedAt']);

/**
 * The directory. Any role adds requesters and corrects contact details; staff
 * records and anyone's kind or role are for coordinators and admins, except
 * that a user corrects the contact details of their own staff record (the one
 * the server made for their account, or one they claimed at sign-in). Anyone
 * deletes or restores a requester; a staff record only coordinators and admins.
 */
function peopleCheck(ctx: WriteRuleContext): string | null {
  if (isManager(ctx)) return null;
  const own = isOwnPerson(ctx, ctx.id);
  if (ctx.before === null) {
    if (ctx.after.kind === 'staff' && !own) return 'Only a coordinator or admin may add a staff record';
    return null;
  }
  if (ctx.changed.includes('kind')) return 'Only a coordinator or admin may change whether a person is staff';
  if (ctx.before.kind === 'staff') {
    if (!own) return 'Only a coordinator or admin may change another staff member’s record';
    const other = ctx.changed.filter((f) => !contactOrTime.has(f));
    if (other.length > 0) return `On their own staff record a user may correct contact details only, not ${other.join(', ')}`;
  }
  return null;
}

export const PEOPLE_SYNC_TABLES = {
  people: {
    merge: 'lww',
    schema: storedSchema(PersonSchema),
    rule: {
      roles: 'any',
      fields: { role: MANAGERS },
      check: peopleCheck,
      summary:
        'Every role adds, corrects and deletes requesters. Staff records (`kind` staff), anyone’s `kind` and `role`: coordinators and admins, except that a user corrects the contact details (name, email, phone, agency, site, title) of their own staff record.',
    },
  },
} as const satisfies Record<string, SyncTableSpec>;
