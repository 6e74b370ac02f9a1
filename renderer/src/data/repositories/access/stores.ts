/**
 * Dexie stores of the access feature, first added in schema version 14.
 * Owned by the access feature; repositories/<feature>/contribution.ts places them in the schema history.
 * Indexes are what the Access views read by: requests by status, grants by
 * status and end date (Active, Expiring) and by person (leavers, SoD), ticks
 * and approvals by their request, review items by campaign and reviewer,
 * memberships by list and by person.
 */
export const ACCESS_STORES_V14: Record<string, string> = {
  entitlements: '&id, systemId',
  sodRules: '&id',
  accessRequests: '&id, status, forPersonId, ticketId, grantId, updatedAt',
  approvals: '&id, requestId',
  grants: '&id, personId, [status+until], systemId, requestId',
  provisioningSteps: '&id, parentId',
  revocations: '&id, grantId, status, personId',
  departures: '&id, personId',
  accessAudit: '&id, grantId, requestId, at',
  accessAttachments: '&id, requestId',
  reviewCampaigns: '&id, status',
  reviewItems: '&id, campaignId, [campaignId+reviewerPersonId], grantId',
  reviewDecisions: '&id, campaignId, itemId',
  distributionLists: '&id, name',
  listMemberships: '&id, listId, personId',
  listLog: '&id, [listId+at]',
};
