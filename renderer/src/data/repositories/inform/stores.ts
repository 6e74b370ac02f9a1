/**
 * Dexie stores of the inform feature (canned responses, saved status reports,
 * ticket–document links, the update cadence), first added in schema version 16,
 * and the document library's search index on training's materials:
 * `words` (multi-entry, derived on each device: shared/inform/documents.ts),
 * `state` and `reviewBy` for the library's lists.
 */
export const INFORM_STORES_V16: Record<string, string> = {
  cannedResponses: '&id, name, category',
  reportDefinitions: '&id, ownerId, name',
  ticketDocuments: '&id, ticketId, materialId',
  informSettings: '&id',
  materials: '&id, system, title, state, reviewBy, *words',
};
