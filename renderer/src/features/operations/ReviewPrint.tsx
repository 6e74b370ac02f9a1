import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { PaperSelect } from '../../ui/print/PaperSelect';
import { reviewExportRows, reviewPrintData } from './review-print-data';
import { useNames, useOpsRepos } from './useOps';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Save the review as a PDF on Letter or A4, through main's print pipeline. */
export function ReviewPrintButtons({ reviewId }: { reviewId: string }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => ({ review: await repos.tables.reviews.get(reviewId), actions: await repos.reviews.actions.list(reviewId) }), [repos, reviewId]);
  const [paper, setPaper] = useState<PaperSize>('Letter');
  const [feedback, setFeedback] = useState<{ error: boolean; text: string } | null>(null);
  if (!data?.review || !names) return null;
  const { review, actions } = data;
  async function print() {
    setFeedback({ error: false, text: 'Preparing the review…' });
    const res = await platform.operations.printReviewPdf({ review: reviewPrintData(review!, actions, names!), paper });
    if (!res.ok) return setFeedback({ error: true, text: `The review was not saved: ${res.error.message}` });
    if (res.value.cancelled) return setFeedback(null);
    const text = `Saved the review as ${fileName(res.value.path)}${res.value.pages ? ` (${res.value.pages} page${res.value.pages === 1 ? '' : 's'})` : ''}.`;
    setFeedback({ error: false, text });
    announce(text);
  }
  return (
    <span className="ops-print">
      <PaperSelect value={paper} onChange={setPaper} />
      <button type="button" onClick={() => void print()}>
        Save as PDF
      </button>
      <span role={feedback?.error ? 'alert' : 'status'} data-testid="print-feedback">
        {feedback?.text ?? ''}
      </span>
    </span>
  );
}

/** Export every review and action item to an .xlsx workbook. */
export function ReviewsExportButton() {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const [feedback, setFeedback] = useState<{ error: boolean; text: string } | null>(null);
  async function run() {
    if (!names) return;
    const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const rows = reviewExportRows(await repos.reviews.list(), await repos.reviews.actions.all(), names, today);
    const res = await platform.operations.exportReviewsXlsx(rows);
    if (!res.ok) return setFeedback({ error: true, text: `Nothing was exported: ${res.error.message}` });
    if (res.value.cancelled) return setFeedback(null);
    const text = `Exported ${res.value.reviews} review${res.value.reviews === 1 ? '' : 's'} and ${res.value.actions} action item${res.value.actions === 1 ? '' : 's'} to ${fileName(res.value.path)}.`;
    setFeedback({ error: false, text });
    announce(text);
  }
  return (
    <span className="ops-print">
      <button type="button" onClick={() => void run()}>
        Export reviews to Excel
      </button>
      <span role={feedback?.error ? 'alert' : 'status'} data-testid="export-feedback">
        {feedback?.text ?? ''}
      </span>
    </span>
  );
}
