import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, matchesQuery, MAX_WORDS, parseQuery, searchWords, tokenize } from '../../../../shared/tickets/search';

describe('tokenize', () => {
  it('lower-cases, folds accents, splits on non-letters and drops one-letter words', () => {
    expect(tokenize(['Méndez: E-Filing ERROR #4031 in Dept. 5 — ÅSA'])).toEqual(['4031', 'asa', 'dept', 'error', 'filing', 'in', 'mendez']);
  });

  it('unfolds compatibility forms pasted from PDFs', () => {
    expect(fold('ﬁling ＣＡＳＥ１２')).toBe('filing case12');
  });

  it('keeps non-Latin scripts and treats emoji as separators', () => {
    expect(tokenize(['طابعة المحكمة 🖨️ принтер'])).toEqual(['принтер', 'المحكمة', 'طابعة'].sort());
  });

  it('de-duplicates, sorts and caps the count, keeping earlier texts first', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
    const words = tokenize(['Title words', many]);
    expect(words).toHaveLength(MAX_WORDS);
    expect(words).toContain('title');
    expect([...words].sort()).toEqual(words);
    expect(tokenize(['a a A bb BB'])).toEqual(['bb']);
  });

  it('cuts very long words so a pasted blob cannot bloat the index', () => {
    expect(tokenize(['x'.repeat(5000)])[0]).toHaveLength(32);
  });

  it('survives a 100,000-character description with control-free garbage', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode(33 + (i % 90))).join('');
    expect(() => tokenize([text])).not.toThrow();
  });
});

describe('searchWords', () => {
  const words = searchWords({
    number: 'KX7Q-00042',
    title: 'Payroll export fails',
    description: 'Since Monday the SFTP export to the county auditor fails.',
    requesterName: 'Lucía Hernández',
    workLogBodies: ['Called vendor, ticket VND-7781 opened'],
  });

  it('covers number, title, requester, description and work log', () => {
    for (const q of ['KX7Q-00042', '42', 'payroll', 'hernandez lucia', 'auditor', 'vnd 7781']) expect(matchesQuery(words, q)).toBe(true);
  });

  it('needs every word of the query, each as a prefix', () => {
    expect(matchesQuery(words, 'pay exp')).toBe(true);
    expect(matchesQuery(words, 'payroll printer')).toBe(false);
    expect(matchesQuery(words, 'ayroll')).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(matchesQuery(words, '  ')).toBe(true);
  });
});

describe('parseQuery', () => {
  it('folds, drops words that another word already covers and picks the longest for the index', () => {
    expect(parseQuery('Pay PAYROLL Méndez')).toEqual({ terms: ['payroll', 'mendez'], indexTerm: 'payroll' });
    expect(parseQuery('')).toEqual({ terms: [], indexTerm: null });
  });

  it('every word of a text matches a query made from that text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 12 }), { maxLength: 20 }), fc.nat(), (parts, pick) => {
        const text = parts.join(' ');
        const words = tokenize([text]);
        const query = parts.length ? (parts[pick % parts.length] as string) : '';
        // Words of a single part shorter than two letters are not indexed; the rest must match.
        const q = parseQuery(query);
        const indexable = q.terms.every((t) => t.length >= 2);
        if (indexable) expect(matchesQuery(words, q)).toBe(true);
      }),
    );
  });
});
