import type { trainingChannels } from '../../../shared/training/channels';
import { ok, err } from '../../../shared/result';
import { sessionsToIcs } from '../../../shared/training/ics/exportIcs';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { savePdfWithDialog } from '../print/save-pdf';
import { loadPrintFonts } from '../print/printFonts';
import { readImageFile } from './pick-image';
import { fileNameFor } from '../print/file-name';
import { buildPrintJob } from './print-jobs';
import { writeFileAtomic } from '../files/write-file-atomic';

const ICS_FILTER = [{ name: 'Calendar (iCalendar)', extensions: ['ics'] }];
const IMAGE_FILTER = [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp'] }];

/**
 * Handlers for the training channels: printing and calendar export. Requests
 * arrive parsed by the router; the HTML is built here from that data with the
 * shared templates, so the renderer can never hand a print window markup.
 */
export function createTrainingHandlers(deps: HandlerDeps): HandlersFor<typeof trainingChannels> {
  const prepare = async (req: { document: Parameters<typeof buildPrintJob>[0]; paper: Parameters<typeof buildPrintJob>[1] }) => {
    const fonts = await loadPrintFonts(deps.fontsDir);
    if (!fonts.ok) return fonts;
    return ok(buildPrintJob(req.document, req.paper, fonts.value));
  };

  return {
    'training.printPdf': async (req) => {
      const job = await prepare(req);
      if (!job.ok) return job;
      const saved = await savePdfWithDialog(deps, job.value);
      if (!saved.ok) return saved;
      if (saved.value.cancelled) return ok({ cancelled: true as const });
      // Where the PDF's pages cannot be counted, the layout's estimate stands in.
      return ok({ ...saved.value, pages: saved.value.pages ?? job.value.expectedPages, warnings: job.value.warnings });
    },

    'training.print': async (req) => {
      const job = await prepare(req);
      if (!job.ok) return job;
      try {
        const printed = await deps.printer.printWithDialog(job.value.html, job.value.options);
        return ok({ printed, warnings: job.value.warnings });
      } catch (e) {
        return err('unavailable', `The printer could not be reached: ${e instanceof Error ? e.message : String(e)}`);
      }
    },

    'training.exportIcs': async ({ sessions, calendarName, defaultName }) => {
      const ics = sessionsToIcs(
        sessions.map((s) => ({
          session: { ...s, ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}) },
          title: s.title,
          details: s.details,
        })),
        new Date().toISOString(),
        calendarName,
      );
      if (!ics.ok) return ics;
      const name = defaultName ? fileNameFor(defaultName, '', 'ics') : fileNameFor(sessions.length === 1 ? sessions[0]!.title : 'Training sessions', sessions.length === 1 ? sessions[0]!.startLocal.slice(0, 10) : '', 'ics');
      const path = await deps.dialogs.saveFile({ title: 'Export to calendar', defaultName: name, filters: ICS_FILTER });
      if (!path) return ok({ cancelled: true as const });
      const written = await writeFileAtomic(/\.ics$/i.test(path) ? path : `${path}.ics`, ics.value);
      if (!written.ok) return written;
      return ok({ cancelled: false as const, path: written.value.path, events: sessions.length });
    },

    'training.pickImage': async () => {
      const [picked] = await deps.dialogs.pickFiles({ title: 'Add an image to the handout', multiple: false, filters: IMAGE_FILTER });
      if (!picked) return ok({ cancelled: true as const });
      const image = await readImageFile(picked);
      if (!image.ok) return image;
      return ok({ cancelled: false as const, ...image.value });
    },
  };
}
