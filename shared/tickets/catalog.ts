import { z } from 'zod';
import { idField, LIMITS, syncMeta, text } from './fields';
import { isValidTimeZone } from './calendar';

/**
 * The things tickets point at: agencies (a superior court, a county office of
 * education), their sites, the systems staff support, and the teams (queues)
 * tickets are routed to. Edited in Settings; all synced last-writer-wins.
 */
export const AGENCY_KINDS = ['state_court', 'county_office_of_education', 'school_district', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AgencySchema = z.object({
  id: idField('Id'),
  name: text('Agency name', LIMITS.name, { required: true }),
  kind: z.enum(AGENCY_KINDS, { error: 'Agency kind must be state court, county office of education, school district or other' }),
  code: text('Agency code', 16).default(''),
  ...syncMeta,
});
export type Agency = z.output<typeof AgencySchema>;

export const SiteSchema = z.object({
  id: idField('Id'),
  agencyId: idField('Agency'),
  name: text('Site name', LIMITS.name, { required: true }),
  address: text('Address', LIMITS.shortText, { multiline: true }).default(''),
  timeZone: z.string().refine(isValidTimeZone, 'Time zone must be an IANA zone name such as America/Los_Angeles').nullable().default(null),
  ...syncMeta,
});
export type Site = z.output<typeof SiteSchema>;

export const SystemSchema = z.object({
  id: idField('Id'),
  name: text('System name', LIMITS.name, { required: true }),
  vendor: text('Vendor', LIMITS.name).default(''),
  /** Categories offered when a ticket names this system. */
  categories: z.array(text('Category', LIMITS.category, { required: true })).max(100).default([]),
  ...syncMeta,
});
export type System = z.output<typeof SystemSchema>;

export const TeamSchema = z.object({
  id: idField('Id'),
  name: text('Team name', LIMITS.name, { required: true }),
  description: text('Description', LIMITS.shortText, { multiline: true }).default(''),
  memberIds: z.array(idField('Member')).max(1000).default([]),
  ...syncMeta,
});
export type Team = z.output<typeof TeamSchema>;
