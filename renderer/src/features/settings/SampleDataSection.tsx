import { SampleDataButton } from '../tickets/SampleDataButton';
import { useDesk } from '../tickets/useDesk';

/**
 * Sample data from Settings, for a profile that already has some tickets (the
 * ticket list offers the same button only while it is empty). The same
 * generator writes a backup file with `npm run sample-data`.
 */
export function SampleDataSection() {
  const desk = useDesk();
  return (
    <section className="panel" aria-labelledby="sample-data-title">
      <h2 id="sample-data-title">Sample data</h2>
      <p className="muted">
        Fill this device with generated agencies, sites, systems, people and tickets to explore or to train with. Sample records are saved like any others, so they are
        also sent to the server when this device syncs; use a training profile for them.
      </p>
      <SampleDataButton desk={desk} />
    </section>
  );
}
