import { useRef, useState } from 'react';
import { useUi } from '../../app/ui-store';
import { ProgressDialog, type Progress } from '../../ui/ProgressDialog';
import { useTicketsUi } from './store';
import type { Desk } from './useDesk';

/** Sizes a new user can explore with; the largest is the benchmark's data set. */
export const SAMPLE_SIZES = {
  small: { label: 'Small: 300 tickets', tickets: 300, people: 150, workLogEntries: 1_200 },
  medium: { label: 'Medium: 5,000 tickets', tickets: 5_000, people: 1_000, workLogEntries: 25_000 },
  large: { label: 'Large: 100,000 tickets (several minutes)', tickets: 100_000, people: 20_000, workLogEntries: 500_000 },
} as const;
type Size = keyof typeof SAMPLE_SIZES;

/**
 * "Load sample data": fills this device with realistic agencies, sites,
 * systems, people and tickets, written through the repositories' loader (and
 * so queued for sync), with a progress bar and Cancel.
 */
export function SampleDataButton({ desk }: { desk: Desk }) {
  const announce = useUi((s) => s.announce);
  const [size, setSize] = useState<Size>('small');
  const [progress, setProgress] = useState<Progress | null>(null);
  const setLoading = useTicketsUi((s) => s.setSampleLoading);
  const [message, setMessage] = useState('');
  const abort = useRef<AbortController | null>(null);

  const load = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setMessage('');
    setProgress({ done: 0, total: null, label: 'Generating…' });
    setLoading(true);
    const s = SAMPLE_SIZES[size];
    const res = await desk.repos.sampleData.load({
      tickets: s.tickets,
      people: s.people,
      workLogEntries: s.workLogEntries,
      // Tickets dated up to now, so views such as "Breaching today" have something in them.
      now: new Date().toISOString(),
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => setProgress({ done: p.done, total: p.total, label: p.label }),
    });
    setProgress(null);
    setLoading(false);
    const text = !res.ok ? res.error.message : res.value.cancelled ? `Stopped. ${res.value.tickets.toLocaleString('en-US')} sample tickets were loaded before you cancelled.` : `Loaded ${res.value.tickets.toLocaleString('en-US')} sample tickets.`;
    setMessage(text);
    announce(text);
  };

  return (
    <div className="sample-data">
      <label>
        Size{' '}
        <select value={size} onChange={(e) => setSize(e.target.value as Size)}>
          {Object.entries(SAMPLE_SIZES).map(([k, v]) => (
            <option key={k} value={k}>
              {v.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={load} disabled={progress !== null}>
        Load sample data
      </button>
      {message ? <p role="status">{message}</p> : null}
      <ProgressDialog title="Loading sample data" progress={progress} onCancel={() => abort.current?.abort()} />
    </div>
  );
}
