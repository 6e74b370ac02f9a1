import { z } from 'zod';
import { MAX_IMAGE_BYTES } from '../markdown/embeddedImage';
import { ATTENDANCE_MARKS } from './attendance';
import { HttpsUrlSchema } from './common';
import { MATERIAL_KINDS, MAX_MARKDOWN_CHARS, MaterialImageSchema } from './material';
import { PAPER_SIZES } from '../print/pageSetup';
import { SESSION_STATUSES, MAX_SESSION_MINUTES } from './session';
import { LOCAL_DATE_TIME_RE } from './zonedTime';
import { channel, Empty, type ChannelSpec } from '../ipc/channel-spec';

/**
 * Training: printing handouts, sign-in sheets, attendance summaries and
 * certificates, and calendar export.
 *
 * The renderer sends data, never HTML: main builds every printout with the
 * shared templates, so nothing the renderer says can put markup or a remote
 * load into a print window.
 */

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
const name = text(200).min(1, 'A name is required');

/** When and where a session meets, as the printouts show it. */
export const PrintSessionSchema = z
  .object({
    startLocal: z.string().trim().regex(LOCAL_DATE_TIME_RE, 'Use the form 2026-03-10T09:00'),
    timeZone: text(100).min(1, 'Choose a time zone'),
    durationMinutes: z.number().int().min(1).max(MAX_SESSION_MINUTES),
    location: text(300).default(''),
    onlineUrl: z.union([z.literal(''), HttpsUrlSchema]).default(''),
  })
  .strict();

const trainerNames = z.array(text(200)).max(20).default([]);

const HandoutDocument = z
  .object({
    kind: z.literal('handout'),
    material: z
      .object({
        kind: z.enum(MATERIAL_KINDS),
        title: name,
        system: text(100).default(''),
        version: z.number().int().min(0),
        body: z.string().max(MAX_MARKDOWN_CHARS, `The text may be at most ${MAX_MARKDOWN_CHARS} characters`),
        images: z.array(MaterialImageSchema).max(60).default([]),
      })
      .strict(),
    dateText: text(100).optional(),
    organization: text(200).optional(),
  })
  .strict();

const SignInSheetDocument = z
  .object({
    kind: z.literal('signInSheet'),
    courseTitle: name,
    system: text(100).default(''),
    session: PrintSessionSchema,
    trainerNames,
    attendees: z.array(z.object({ name, agency: text(200).default('') }).strict()).max(2000),
    blankRows: z.number().int().min(0).max(100).optional(),
  })
  .strict();

const AttendanceSummaryDocument = z
  .object({
    kind: z.literal('attendanceSummary'),
    courseTitle: name,
    system: text(100).default(''),
    session: PrintSessionSchema,
    trainerNames,
    rows: z
      .array(
        z
          .object({
            name,
            agency: text(200).default(''),
            mark: z.enum(ATTENDANCE_MARKS).nullable(),
            takenBy: text(200).default(''),
            at: z.union([z.literal(''), z.iso.datetime()]).default(''),
            walkIn: z.boolean().default(false),
          })
          .strict(),
      )
      .max(2000),
  })
  .strict();

const CertificateDocument = z
  .object({
    kind: z.literal('certificate'),
    courseTitle: name,
    system: text(100).default(''),
    trainerNames,
    organization: text(200).optional(),
    recipients: z
      .array(z.object({ name, completedOn: text(100).min(1), certificateNumber: text(40).nullable().default(null) }).strict())
      .min(1, 'No one has completed this session yet')
      .max(1000),
  })
  .strict();

export const PrintableDocumentSchema = z.discriminatedUnion('kind', [HandoutDocument, SignInSheetDocument, AttendanceSummaryDocument, CertificateDocument]);
export type PrintableDocument = z.input<typeof PrintableDocumentSchema>;
export type ParsedPrintableDocument = z.output<typeof PrintableDocumentSchema>;

export const PrintRequestSchema = z.object({ document: PrintableDocumentSchema, paper: z.enum(PAPER_SIZES).default('Letter') }).strict();
export type TrainingPrintRequest = z.input<typeof PrintRequestSchema>;

/** A handout with its images: up to 8 MB of pictures, as base64, plus the text. */
const PRINT_MAX_BYTES = 20_000_000;

const Cancelled = z.object({ cancelled: z.literal(true) }).strict();

export const IcsSessionSchema = z
  .object({
    id: z.string().min(1).max(64),
    title: name,
    startLocal: PrintSessionSchema.shape.startLocal,
    timeZone: PrintSessionSchema.shape.timeZone,
    durationMinutes: PrintSessionSchema.shape.durationMinutes,
    location: text(300).default(''),
    onlineUrl: z.union([z.literal(''), HttpsUrlSchema]).default(''),
    status: z.enum(SESSION_STATUSES),
    notes: text(5000).default(''),
    updatedAt: z.iso.datetime().optional(),
    details: z.array(text(500)).max(20).default([]),
  })
  .strict();
export type IcsSessionRequest = z.input<typeof IcsSessionSchema>;

export const trainingChannels = {
  'training.printPdf': channel({
    description: 'Build a printout from its data with the shared templates, ask where to save it, and print it to PDF.',
    request: PrintRequestSchema,
    response: z.union([
      z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable(), warnings: z.array(z.string()) }).strict(),
      Cancelled,
    ]),
    maxBytes: PRINT_MAX_BYTES,
  }),
  'training.print': channel({
    description: 'Build a printout from its data and send it to a printer through the system print dialog.',
    request: PrintRequestSchema,
    response: z.object({ printed: z.boolean(), warnings: z.array(z.string()) }).strict(),
    maxBytes: PRINT_MAX_BYTES,
  }),
  'training.exportIcs': channel({
    description: 'Write sessions to an iCalendar (.ics) file chosen in the save dialog.',
    request: z
      .object({
        sessions: z.array(IcsSessionSchema).min(1, 'Choose at least one session to export').max(2000),
        calendarName: text(200).optional(),
        defaultName: text(120).optional(),
      })
      .strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), events: z.number().int().nonnegative() }).strict(), Cancelled]),
    maxBytes: 5_000_000,
  }),
  'training.pickImage': channel({
    description: 'Let the user pick an image for a handout; answer it checked and embedded as a data: URI.',
    request: Empty,
    response: z.union([
      z
        .object({
          cancelled: z.literal(false),
          name: z.string().max(255),
          bytes: z.number().int().positive().max(MAX_IMAGE_BYTES),
          dataUri: z.string(),
        })
        .strict(),
      Cancelled,
    ]),
  }),
} as const satisfies Record<string, ChannelSpec>;
