import { useCallback, useState } from 'react';
import type { PrintableDocument } from '../../../../shared/training/channels';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';

export type PrintFeedback = { kind: 'busy' | 'done' | 'error'; message: string } | null;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * Printing with feedback: what is happening, where the PDF went and how many
 * pages it has, or why it failed. Also announced to screen readers.
 */
export function usePrint() {
  const announce = useUi((s) => s.announce);
  const [feedback, setFeedback] = useState<PrintFeedback>(null);

  const report = useCallback(
    (f: PrintFeedback) => {
      setFeedback(f);
      if (f && f.kind !== 'busy') announce(f.message);
    },
    [announce],
  );

  const toPdf = useCallback(
    async (label: string, document: PrintableDocument, paper: PaperSize) => {
      report({ kind: 'busy', message: `Preparing the ${label}…` });
      const res = await platform.training.printPdf({ document, paper });
      if (!res.ok) return report({ kind: 'error', message: `The ${label} was not saved: ${res.error.message}` });
      if (res.value.cancelled) return report(null);
      const pages = res.value.pages ? ` (${res.value.pages} page${res.value.pages === 1 ? '' : 's'})` : '';
      const warned = res.value.warnings.length ? ` ${res.value.warnings.length} item${res.value.warnings.length === 1 ? ' was' : 's were'} left out; see the warnings.` : '';
      report({ kind: 'done', message: `Saved the ${label} as ${fileName(res.value.path)}${pages}.${warned}` });
    },
    [report],
  );

  const toPrinter = useCallback(
    async (label: string, document: PrintableDocument, paper: PaperSize) => {
      report({ kind: 'busy', message: `Sending the ${label} to the printer…` });
      const res = await platform.training.print({ document, paper });
      if (!res.ok) return report({ kind: 'error', message: `The ${label} was not printed: ${res.error.message}` });
      report(res.value.printed ? { kind: 'done', message: `Sent the ${label} to the printer.` } : null);
    },
    [report],
  );

  return { feedback, setFeedback: report, toPdf, toPrinter };
}

export function PrintFeedbackLine({ feedback }: { feedback: PrintFeedback }) {
  return (
    <p className={`print-feedback ${feedback ? `print-${feedback.kind}` : ''}`} role={feedback?.kind === 'error' ? 'alert' : 'status'} data-testid="print-feedback">
      {feedback?.message ?? ''}
    </p>
  );
}
