import { allStepsDone, checkDates, checkStageDecision, defaultEndDate, describeConflict, mergeStages, sodConflicts, stageProgress } from '../../../../../shared/access/rules';
import {
  AccessAttachmentSchema,
  AccessRequestSchema,
  ApprovalSchema,
  GrantSchema,
  StepTickSchema,
  type AccessAttachment,
  type AccessRequest,
  type Approval,
  type ApprovalMethod,
  type Entitlement,
  type Grant,
} from '../../../../../shared/access/schema';
import { checkApproval, checkGrant } from '../../../../../shared/access/sync-tables';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import { alive, atomically, audit, orRollback, today, type AccessActor, type AccessContext } from './tables';

export interface RequestDraftInput {
  forPersonId: string;
  requestedBy: string;
  systemId: string;
  entitlementIds: string[];
  justification?: string;
  startDate: string;
  endDate?: string | null;
  ticketId?: string | null;
  grantId?: string | null;
}

export interface DecisionInput {
  stageIndex: number;
  decision: 'approved' | 'denied';
  decidedBy: string;
  decidedAt?: string;
  method: ApprovalMethod;
  evidenceIds?: string[];
  sodAccepted?: boolean;
  sodReason?: string;
  note?: string;
}

/** The locally known rule check, as the server will run it (the role is the server's to say; here a lead is assumed). */
function ruleRefusal(check: typeof checkApproval, actor: AccessActor, table: string, after: Record<string, unknown>, request: AccessRequest | null = null): Result<true> {
  // The rule reads the request as stored (`reads`): here, the one this device holds.
  const related = (tbl: string, id: string) => (tbl === 'accessRequests' && request && request.id === id ? (request as unknown as Record<string, unknown>) : null);
  const why = check({ user: { id: actor.id, role: 'coordinator', personId: actor.id }, table, id: String(after.id ?? ''), before: null, after, changed: Object.keys(after), related });
  return why ? err('conflict', why) : ok(true);
}

/**
 * Access requests from draft to active: submission (stages, procedure and SoD
 * conflicts copied from the catalog), recorded stage decisions, provisioning
 * ticks, and the grants made when the last step is done. The only writer of
 * `accessRequests`, `approvals`, `accessAttachments`, provisioning ticks and new grants.
 */
export function requestsRepository(ctx: AccessContext) {
  const { db, t, now, newId } = ctx;

  async function entitlementsOf(request: Pick<AccessRequest, 'systemId' | 'entitlementIds'>): Promise<Result<Entitlement[]>> {
    const found = await t.entitlements.bulkGet(request.entitlementIds);
    const list: Entitlement[] = [];
    for (const [i, e] of found.entries()) {
      if (!e || e.deleted) return err('not_found', `Entitlement ${request.entitlementIds[i]} is no longer in the catalog.`);
      if (e.systemId !== request.systemId) return err('invalid_request', `${e.name} belongs to another system.`);
      list.push(e);
    }
    return ok(list);
  }

  async function current(id: string): Promise<Result<AccessRequest>> {
    const r = await t.requests.get(id);
    return r && !r.deleted ? ok(r) : err('not_found', 'That request no longer exists.');
  }

  /** Grants for each entitlement of a request whose procedure is done, and the request active. */
  async function finish(request: AccessRequest, actor: AccessActor): Promise<Result<Grant[]>> {
    const approvals = await t.approvals.where('requestId').equals(request.id).toArray();
    const at = now();
    const grants: Grant[] = [];
    for (const entitlementId of request.entitlementIds) {
      const parsed = parseWith(
        GrantSchema,
        { id: newId(), personId: request.forPersonId, systemId: request.systemId, entitlementId, requestId: request.id, approvalIds: approvals.map((a) => a.id), from: request.startDate, until: request.endDate, status: 'active', createdAt: at, updatedAt: at, stamps: {}, deleted: 0 },
        'grant',
      );
      if (!parsed.ok) return parsed;
      const rule = ruleRefusal(checkGrant, actor, 'grants', parsed.value, request);
      if (!rule.ok) return rule;
      grants.push(parsed.value);
    }
    await t.grants.bulkAdd(grants);
    await t.requests.put({ ...request, status: 'active', updatedAt: at });
    for (const g of grants) await audit(ctx, actor, { action: 'grant.active', subjectTable: 'grants', subjectId: g.id, grantId: g.id, requestId: request.id, summary: `Access active from ${g.from}${g.until ? ` until ${g.until}` : ''}` });
    return ok(grants);
  }

  /** Submit a draft: justification and dates checked, stages, procedure and SoD conflicts copied. */
  async function submit(id: string): Promise<Result<AccessRequest>> {
    const actor = await ctx.actor();
    return db.transaction('rw', [t.requests, t.entitlements, t.sodRules, t.grants, t.audit], async () => {
      const cur = await current(id);
      if (!cur.ok) return cur;
      const r = cur.value;
      if (r.status !== 'draft') return err('conflict', `This request is already ${r.status}.`);
      if (r.justification.trim() === '') return err('invalid_request', 'A business justification is required.', { justification: 'Say why this access is needed' });
      const ents = await entitlementsOf(r);
      if (!ents.ok) return ents;
      const dates = checkDates(r.startDate, r.endDate, ents.value);
      if (!dates.ok) return dates;
      const stages = mergeStages(ents.value);
      if (stages.length === 0) return err('conflict', `${ents.value.map((e) => e.name).join(', ')} has no approval stages; add one in the catalog first.`);
      const held = alive(await t.grants.where('personId').equals(r.forPersonId).toArray()).filter((g) => g.status === 'active' || g.status === 'revoking');
      const rules = await t.sodRules.toArray();
      const conflicts = sodConflicts(r.entitlementIds, held.map((g) => g.entitlementId), rules);
      const names = new Map((await t.entitlements.bulkGet(conflicts.flatMap((c) => [c.requested, c.other]))).filter((e): e is Entitlement => !!e).map((e) => [e.id, e.name]));
      const at = now();
      const next: AccessRequest = {
        ...r,
        stages,
        steps: ents.value.flatMap((e) => e.provisioning.map((s) => ({ id: `${e.id}:${s.id}`, entitlementId: e.id, text: s.text }))),
        signedFormRequired: ents.value.some((e) => e.signedFormRequired),
        sodConflicts: conflicts.map((c) => describeConflict(c, (eid) => names.get(eid) ?? 'another entitlement')),
        status: 'submitted',
        submittedAt: at,
        updatedAt: at,
      };
      await t.requests.put(next);
      await audit(ctx, actor, { action: 'request.submitted', subjectTable: 'accessRequests', subjectId: id, requestId: id, grantId: r.grantId, summary: next.sodConflicts.length ? `Submitted with ${next.sodConflicts.length} separation-of-duties conflict(s)` : 'Submitted' });
      return ok(next);
    });
  }

  return {
    current,

    /** A new draft. The dates default from the entitlements when not given. */
    async draft(input: RequestDraftInput): Promise<Result<AccessRequest>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.requests, t.entitlements, t.audit], async () => {
        const ents = await entitlementsOf({ systemId: input.systemId, entitlementIds: input.entitlementIds });
        if (!ents.ok) return ents;
        const at = now();
        const endDate = input.endDate === undefined ? defaultEndDate(input.startDate, ents.value) : input.endDate;
        const parsed = parseWith(AccessRequestSchema, { ...input, endDate, createdBy: actor.id, status: 'draft', id: newId(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'access request');
        if (!parsed.ok) return parsed;
        await t.requests.add(parsed.value);
        await audit(ctx, actor, { action: 'request.drafted', subjectTable: 'accessRequests', subjectId: parsed.value.id, requestId: parsed.value.id, summary: ents.value.map((e) => e.name).join(', ') });
        return ok(parsed.value);
      });
    },

    async updateDraft(id: string, patch: Partial<RequestDraftInput>): Promise<Result<AccessRequest>> {
      return db.transaction('rw', [t.requests, t.entitlements], async () => {
        const cur = await current(id);
        if (!cur.ok) return cur;
        if (cur.value.status !== 'draft') return err('conflict', 'Only a draft can be edited; cancel and make a new request.');
        const parsed = parseWith(AccessRequestSchema, { ...cur.value, ...patch, updatedAt: now() }, 'access request');
        if (!parsed.ok) return parsed;
        const ents = await entitlementsOf(parsed.value);
        if (!ents.ok) return ents;
        await t.requests.put(parsed.value);
        return ok(parsed.value);
      });
    },

    submit,

    async cancel(id: string, reason: string): Promise<Result<AccessRequest>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.requests, t.audit], async () => {
        const cur = await current(id);
        if (!cur.ok) return cur;
        if (!['draft', 'submitted', 'approved', 'provisioning'].includes(cur.value.status)) return err('conflict', `A ${cur.value.status} request cannot be cancelled.`);
        const next: AccessRequest = { ...cur.value, status: 'cancelled', updatedAt: now() };
        await t.requests.put(next);
        await audit(ctx, actor, { action: 'request.cancelled', subjectTable: 'accessRequests', subjectId: id, requestId: id, summary: reason });
        return ok(next);
      });
    },

    /** Keep a file (the signed form, evidence) with a request; the bytes were stored by main. */
    async attach(requestId: string, file: { name: string; mime?: string; size: number; sha256: string }, kind: AccessAttachment['kind']): Promise<Result<AccessAttachment>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.requests, t.attachments, t.audit], async () => {
        const cur = await current(requestId);
        if (!cur.ok) return cur;
        if (cur.value.status === 'cancelled') return err('conflict', 'A cancelled request takes no more files.');
        const parsed = parseWith(AccessAttachmentSchema, { id: newId(), requestId, name: file.name, mime: file.mime || undefined, size: file.size, sha256: file.sha256, kind, addedBy: actor.id, addedAt: now(), stamps: {}, deleted: 0 }, 'attachment');
        if (!parsed.ok) return parsed;
        await t.attachments.add(parsed.value);
        await t.requests.put({ ...cur.value, attachmentIds: [...cur.value.attachmentIds, parsed.value.id], updatedAt: now() });
        await audit(ctx, actor, { action: 'request.attached', subjectTable: 'accessAttachments', subjectId: parsed.value.id, requestId, summary: `${kind === 'signed_form' ? 'Signed form' : 'File'}: ${file.name}` });
        return ok(parsed.value);
      });
    },

    /**
     * Record one stage's decision on an approver's behalf (append-only). The
     * last approval makes the request approved; a denial denies it.
     */
    async recordDecision(requestId: string, input: DecisionInput): Promise<Result<{ approval: Approval; request: AccessRequest }>> {
      const actor = await ctx.actor();
      return db.transaction('rw', [t.requests, t.approvals, t.audit], async () => {
        const cur = await current(requestId);
        if (!cur.ok) return cur;
        const r = cur.value;
        const approvals = await t.approvals.where('requestId').equals(requestId).toArray();
        const entry = { stageIndex: input.stageIndex, decision: input.decision, sodAccepted: input.sodAccepted ?? false, sodReason: input.sodReason ?? '', method: input.method, evidenceIds: input.evidenceIds ?? [] };
        const allowed = checkStageDecision(r, approvals, entry);
        if (!allowed.ok) return allowed;
        const at = now();
        const parsed = parseWith(
          ApprovalSchema,
          {
            ...entry,
            id: newId(),
            requestId,
            stageLabel: r.stages[input.stageIndex]?.label ?? '',
            decidedBy: input.decidedBy,
            decidedAt: input.decidedAt ?? at,
            note: input.note ?? '',
            forPersonId: r.forPersonId,
            requestedBy: r.requestedBy,
            createdBy: r.createdBy,
            recordedBy: actor.id,
            device: ctx.deviceId(),
            at,
            stamps: {},
            deleted: 0,
          },
          'approval',
        );
        if (!parsed.ok) return parsed;
        const rule = ruleRefusal(checkApproval, actor, 'approvals', parsed.value, r);
        if (!rule.ok) return rule;
        await t.approvals.add(parsed.value);
        const progress = stageProgress(r.stages, [...approvals, parsed.value]);
        const status = progress.kind === 'approved' ? 'approved' : progress.kind === 'denied' ? 'denied' : r.status;
        const next: AccessRequest = { ...r, status, decidedAt: status === r.status ? r.decidedAt : at, updatedAt: at };
        await t.requests.put(next);
        await audit(ctx, actor, { action: `approval.${input.decision}`, subjectTable: 'approvals', subjectId: parsed.value.id, requestId, summary: `${parsed.value.stageLabel}: ${input.decision} (${input.method.replace('_', ' ')})` });
        return ok({ approval: parsed.value, request: next });
      });
    },

    /**
     * Tick (or untick) a provisioning step. The first tick starts provisioning;
     * the last makes the grants and the request active.
     */
    async tick(requestId: string, stepId: string, done: boolean): Promise<Result<{ request: AccessRequest; grants: Grant[] }>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.requests, t.approvals, t.ticks, t.grants, t.audit], async (): Promise<Result<{ request: AccessRequest; grants: Grant[] }>> => {
          let r = orRollback(await current(requestId));
          if (r.status !== 'approved' && r.status !== 'provisioning') return err('conflict', `Steps are ticked once a request is approved (this one is ${r.status}).`);
          const step = r.steps.find((s) => s.id === stepId);
          if (!step) return err('not_found', 'That step is not part of this request’s procedure.');
          const at = now();
          const tick = orRollback(parseWith(StepTickSchema, { id: newId(), kind: 'provision', parentId: requestId, stepId, text: step.text, done, by: actor.id, device: ctx.deviceId(), at, stamps: {}, deleted: 0 }, 'step'));
          await t.ticks.add(tick);
          if (r.status === 'approved') {
            r = { ...r, status: 'provisioning', updatedAt: at };
            await t.requests.put(r);
          }
          await audit(ctx, actor, { action: done ? 'step.done' : 'step.undone', subjectTable: 'provisioningSteps', subjectId: tick.id, requestId, summary: step.text });
          const ticks = await t.ticks.where('parentId').equals(requestId).toArray();
          if (!allStepsDone(r.steps, ticks)) return ok({ request: r, grants: [] });
          const grants = orRollback(await finish(r, actor));
          return ok({ request: { ...r, status: 'active' }, grants });
        }),
      );
    },

    /** An approved request whose procedure has no steps becomes active at once. */
    async complete(requestId: string): Promise<Result<Grant[]>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', [t.requests, t.approvals, t.ticks, t.grants, t.audit], async () => {
          const r = orRollback(await current(requestId));
          if (r.status !== 'approved' && r.status !== 'provisioning') return err('conflict', `Only an approved request is provisioned (this one is ${r.status}).`);
          const ticks = await t.ticks.where('parentId').equals(requestId).toArray();
          if (!allStepsDone(r.steps, ticks)) return err('conflict', 'Tick every step of the procedure first.');
          return ok(orRollback(await finish(r, actor)));
        }),
      );
    },

    /** One action from the Expiring list: a submitted request to extend a grant, starting the day after it ends. */
    async requestExtension(grantId: string, justification: string): Promise<Result<AccessRequest>> {
      const actor = await ctx.actor();
      if (justification.trim() === '') return err('invalid_request', 'A business justification is required.', { justification: 'Say why this access is still needed' });
      return atomically(() =>
        db.transaction('rw', [t.requests, t.entitlements, t.sodRules, t.grants, t.audit], async () => {
          const g = await t.grants.get(grantId);
          if (!g || g.deleted) return err('not_found', 'That grant no longer exists.');
          if (g.status !== 'active') return err('conflict', `A ${g.status} grant cannot be extended; request access again.`);
          const pending = (await t.requests.where('grantId').equals(grantId).toArray()).find((r) => !r.deleted && ['draft', 'submitted', 'approved', 'provisioning'].includes(r.status));
          if (pending) return err('conflict', 'An extension of this grant is already in progress.');
          const e = await t.entitlements.get(g.entitlementId);
          if (!e || e.deleted) return err('not_found', 'This entitlement is no longer in the catalog.');
          const start = g.until ? new Date(Date.parse(`${g.until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : today(ctx);
          const at = now();
          const parsed = orRollback(
            parseWith(
              AccessRequestSchema,
              { id: newId(), forPersonId: g.personId, requestedBy: actor.id, createdBy: actor.id, systemId: g.systemId, entitlementIds: [g.entitlementId], justification, startDate: start, endDate: defaultEndDate(start, [e]), grantId, status: 'draft', createdAt: at, updatedAt: at, stamps: {}, deleted: 0 },
              'extension request',
            ),
          );
          await t.requests.add(parsed);
          await audit(ctx, actor, { action: 'grant.extension_requested', subjectTable: 'accessRequests', subjectId: parsed.id, requestId: parsed.id, grantId, summary: justification });
          // Submitted in the same transaction: a refusal (no stages, dates) leaves no stray draft.
          return ok(orRollback(await submit(parsed.id)));
        }),
      );
    },
  };
}
export type RequestsRepository = ReturnType<typeof requestsRepository>;
