/**
 * Dexie stores of the help-desk feature, first added in schema version 3.
 * Owned by the tickets feature; schema.ts combines the features' stores.
 */
export const TICKET_STORES_V3: Record<string, string> = {
  tickets:
    '&id, &number, status, priority, assigneeId, teamId, siteId, systemId, requesterId, createdAt, updatedAt, resolutionDue, firstResponseDue, mergedInto, *tags, *words, [assigneeId+status], [teamId+status], [siteId+status], [status+priority], [status+resolutionDue], [status+updatedAt]',
  workLog: '&id, ticketId, [ticketId+at], authorId',
  ticketHistory: '&id, ticketId, [ticketId+at]',
  ticketLinks: '&id, fromId, toId',
  ticketAttachments: '&id, ticketId, sha256',
  agencies: '&id, name',
  teams: '&id, name',
  sites: '&id, name, agencyId',
  systems: '&id, name',
  routingRules: '&id, order',
  slaPolicies: '&id, priority',
  calendars: '&id',
};
