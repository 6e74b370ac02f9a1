import { useId } from 'react';
import { PAPER_SIZES, type PaperSize } from '../../../../shared/print/pageSetup';

export function PaperSelect({ value, onChange }: { value: PaperSize; onChange: (p: PaperSize) => void }) {
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>Paper</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as PaperSize)}>
        {PAPER_SIZES.map((p) => (
          <option key={p} value={p}>
            {p === 'Letter' ? 'Letter (US)' : 'A4'}
          </option>
        ))}
      </select>
    </span>
  );
}
