import { useEffect, useMemo, useRef, useState } from 'react';
import { ok } from '../../../../shared/result';
import { ImportWizard, type ImportTarget } from '../import/ImportWizard';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import type { Desk } from './useDesk';

const tickets = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'ticket' : 'tickets'}`;

/**
 * "Import…" on the tickets screen: the import wizard in a modal dialog. Rows
 * are validated by main (shared/import/ticket-rows.ts), then matched with this
 * device's people, teams, sites and systems, and committed by the importer
 * repository in one transaction.
 */
export function ImportTickets({ desk }: { desk: Desk }) {
  const [open, setOpen] = useState(false);
  const [session, setSession] = useState(0);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const importer = desk.repos.importer;
  const target = useMemo<ImportTarget>(
    () => ({
      dataset: 'tickets',
      title: 'Import tickets from a spreadsheet',
      count: tickets,
      existingKeys: () => importer.existingNumbers(),
      check: async (records, ctx) => {
        const res = await importer.check(records, ctx);
        if (!res.ok) return res;
        const fresh = res.value.newRequesters.length;
        return ok({ errors: res.value.errors, ...(fresh ? { note: `${fresh.toLocaleString('en-US')} requesters are not in People yet and will be added.` } : {}) });
      },
      commit: async (records, ctx) => {
        const res = await importer.commit(records, ctx);
        if (!res.ok) return res;
        const added = res.value.requestersAdded;
        return ok({ message: `Imported ${tickets(res.value.added)}${added ? ` and added ${added.toLocaleString('en-US')} requesters to People` : ''}.` });
      },
    }),
    [importer],
  );
  const close = () => {
    setOpen(false);
    setSession((n) => n + 1);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Import…
      </button>
      <dialog
        ref={ref}
        className="import-dialog"
        aria-label="Import tickets"
        // React passes a nested dialog's close and cancel (the progress dialog's) up the tree: only this dialog's own count.
        onCancel={(e) => {
          if (e.target === e.currentTarget) close();
        }}
        onClose={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
      >
        {open ? (
          <ErrorBoundary key={session} name="Import tickets">
            <ImportWizard target={target} onClose={close} />
          </ErrorBoundary>
        ) : null}
      </dialog>
    </>
  );
}
