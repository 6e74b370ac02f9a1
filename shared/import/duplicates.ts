/**
 * Duplicate detection for a dry run: within the file (the second occurrence is
 * the bad row) and against records that already exist, whose keys the caller
 * passes in (the renderer's database is not visible from the main process).
 */
export interface UniqueKeySpec {
  /** Record fields that together identify a record: ['email'], or ['number']. */
  fields: readonly string[];
  /** Compare as people do for emails and names. Default true. */
  caseInsensitive?: boolean;
  /** How to name the key in messages; defaults to the fields joined. */
  label?: string;
}

const SEP = '\u001f';

/** The comparable key of a record, or null when a key field is blank (blank keys are not duplicates of each other). */
export function uniqueKeyOf(record: Readonly<Record<string, unknown>>, spec: UniqueKeySpec): string | null {
  return uniqueKeyFromValues(spec.fields.map((f) => record[f]), spec);
}

/** Same normalisation for keys the caller collects from existing records: pass their values in field order. */
export function uniqueKeyFromValues(values: readonly unknown[], spec: Pick<UniqueKeySpec, 'caseInsensitive'>): string | null {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) return null;
    let s = String(v).trim().normalize('NFC');
    if (s === '') return null;
    if (spec.caseInsensitive !== false) s = s.toLowerCase();
    parts.push(s);
  }
  return parts.join(SEP);
}

export class DuplicateTracker {
  private readonly seen = new Map<string, number>();
  private readonly existing: Set<string>;
  private readonly label: string;

  /** `existingKeys`: values as stored (strings for one field, arrays for several); they are normalised here. */
  constructor(
    private readonly spec: UniqueKeySpec,
    existingKeys: Iterable<string | readonly unknown[]> = [],
  ) {
    this.label = spec.label ?? spec.fields.join(' + ');
    this.existing = new Set();
    for (const k of existingKeys) {
      const key = uniqueKeyFromValues(typeof k === 'string' ? [k] : k, spec);
      if (key !== null) this.existing.add(key);
    }
  }

  /** A message if this record duplicates an earlier row or an existing record; otherwise remembers it. */
  check(record: Readonly<Record<string, unknown>>, row: number): string | null {
    const key = uniqueKeyOf(record, this.spec);
    if (key === null) return null;
    const shown = this.spec.fields.map((f) => String(record[f])).join(' / ');
    if (this.existing.has(key)) return `Already exists: a record with ${this.label} "${shown}" is already in FieldDesk`;
    const first = this.seen.get(key);
    if (first !== undefined) return `Duplicate: row ${first} has the same ${this.label} "${shown}"`;
    this.seen.set(key, row);
    return null;
  }
}
