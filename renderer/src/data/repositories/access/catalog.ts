import { EntitlementSchema, SodRuleSchema, type Entitlement, type EntitlementInput, type SodRule } from '../../../../../shared/access/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { alive, audit, type AccessContext } from './tables';

/** The access catalog: entitlements per system and separation-of-duties rules. The only writer of both. */
export function catalogRepository(ctx: AccessContext) {
  const { db, t, now, newId } = ctx;
  return {
    async saveEntitlement(id: string | null, input: EntitlementInput): Promise<Result<Entitlement>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.entitlements, t.audit], async () => {
        const at = now();
        const current = id ? await t.entitlements.get(id) : undefined;
        if (id && (!current || current.deleted)) return err('not_found', 'That entitlement is no longer in the catalog.');
        const steps = (list: EntitlementInput['provisioning']) => (list ?? []).map((s) => ({ ...s, id: s.id || newId() }));
        const parsed = parseWith(
          EntitlementSchema,
          { ...(current ?? {}), ...input, provisioning: steps(input.provisioning), deprovisioning: steps(input.deprovisioning), id: current?.id ?? newId(), createdAt: current?.createdAt ?? at, updatedAt: at, stamps: current?.stamps ?? {}, deleted: 0 },
          'entitlement',
        );
        if (!parsed.ok) return parsed;
        const clash = alive(await t.entitlements.where('systemId').equals(parsed.value.systemId).toArray()).find((e) => e.id !== parsed.value.id && e.name.toLowerCase() === parsed.value.name.toLowerCase());
        if (clash) return err('conflict', `This system already has an entitlement named "${clash.name}".`, { name: 'Already in this system' });
        await t.entitlements.put(parsed.value);
        await audit(ctx, actor, { action: current ? 'entitlement.updated' : 'entitlement.created', subjectTable: 'entitlements', subjectId: parsed.value.id, summary: parsed.value.name });
        return ok(parsed.value);
      });
    },

    async removeEntitlement(id: string): Promise<Result<{ id: string }>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.entitlements, t.grants, t.audit], async () => {
        const current = await t.entitlements.get(id);
        if (!current || current.deleted) return err('not_found', 'That entitlement is no longer in the catalog.');
        const held = (await t.grants.where('systemId').equals(current.systemId).toArray()).filter((g) => g.entitlementId === id && (g.status === 'active' || g.status === 'revoking') && !g.deleted);
        if (held.length) return err('conflict', `${held.length} ${held.length === 1 ? 'person holds' : 'people hold'} ${current.name}; revoke ${held.length === 1 ? 'it' : 'them'} first.`);
        await t.entitlements.put({ ...current, deleted: 1, updatedAt: now() });
        await audit(ctx, actor, { action: 'entitlement.removed', subjectTable: 'entitlements', subjectId: id, summary: current.name });
        return ok({ id });
      });
    },

    async addSodRule(input: { entitlementA: string; entitlementB: string; reason?: string }): Promise<Result<SodRule>> {
      const actor = await ctx.actor();
      if (input.entitlementA === input.entitlementB) return err('invalid_request', 'Choose two different entitlements.');
      return db.transaction('rw', [t.sodRules, t.entitlements, t.audit], async () => {
        const [a, b] = await Promise.all([t.entitlements.get(input.entitlementA), t.entitlements.get(input.entitlementB)]);
        if (!a || a.deleted || !b || b.deleted) return err('not_found', 'Both entitlements must be in the catalog.');
        const existing = alive(await t.sodRules.toArray()).find((r) => (r.entitlementA === a.id && r.entitlementB === b.id) || (r.entitlementA === b.id && r.entitlementB === a.id));
        if (existing) return err('conflict', `${a.name} and ${b.name} are already marked incompatible.`);
        const at = now();
        const parsed = parseWith(SodRuleSchema, { id: newId(), entitlementA: a.id, entitlementB: b.id, reason: input.reason ?? '', createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'separation-of-duties rule');
        if (!parsed.ok) return parsed;
        await t.sodRules.add(parsed.value);
        await audit(ctx, actor, { action: 'sod.added', subjectTable: 'sodRules', subjectId: parsed.value.id, summary: `${a.name} ⟂ ${b.name}` });
        return ok(parsed.value);
      });
    },

    async removeSodRule(id: string): Promise<Result<{ id: string }>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.sodRules, t.audit], async () => {
        const current = await t.sodRules.get(id);
        if (!current || current.deleted) return err('not_found', 'That rule is already gone.');
        await t.sodRules.put({ ...current, deleted: 1, updatedAt: now() });
        await audit(ctx, actor, { action: 'sod.removed', subjectTable: 'sodRules', subjectId: id, summary: '' });
        return ok({ id });
      });
    },
  };
}
export type CatalogRepository = ReturnType<typeof catalogRepository>;
