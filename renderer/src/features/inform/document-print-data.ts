import type { DocumentPrintRequestData } from '../../../../shared/inform/documents-channels';
import type { Material } from '../../../../shared/training/material';

/** A document as its printout shows it: the owner by name, the printing date in the person's words. */
export function documentPrintData(doc: Material, owner: string, printedAt: Date): DocumentPrintRequestData {
  return {
    kind: doc.kind,
    title: doc.title,
    system: doc.system,
    version: doc.version,
    state: doc.state,
    owner,
    audience: doc.audience,
    systems: [...doc.systems],
    tags: [...doc.tags],
    reviewBy: doc.reviewBy,
    body: doc.body,
    images: doc.images.map((i) => ({ ...i })),
    printedText: `Printed ${printedAt.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' })}`,
  };
}
