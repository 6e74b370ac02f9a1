import { defineSharedFeature } from '../feature';
import { TICKET_SYNC_TABLES } from './sync-tables';

/** The help desk: what it adds to the shared layer (registered in shared/features.ts). */
export const ticketsFeature = defineSharedFeature({ id: 'tickets', syncTables: TICKET_SYNC_TABLES, channels: {} });
