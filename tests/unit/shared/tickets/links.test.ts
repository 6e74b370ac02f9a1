import { describe, expect, it } from 'vitest';
import { linkKey, linksOf, TicketLinkSchema, validateLink, type LinkKind, type TicketLink } from '../../../../shared/tickets/links';

let n = 0;
const link = (fromId: string, toId: string, kind: LinkKind, extra: Partial<TicketLink> = {}): TicketLink =>
  TicketLinkSchema.parse({ id: `l${++n}`, fromId, toId, kind, createdBy: 's', createdAt: `2025-01-13T18:00:0${n % 10}.000Z`, ...extra });

const reason = (r: ReturnType<typeof validateLink>) => (r.ok ? null : r.error.message);

describe('validateLink', () => {
  it('refuses self links and repeats, either way round for related', () => {
    expect(reason(validateLink({ fromId: 'a', toId: 'a', kind: 'related' }, []))).toBe('A ticket cannot be linked to itself');
    const existing = [link('a', 'b', 'related')];
    expect(reason(validateLink({ fromId: 'b', toId: 'a', kind: 'related' }, existing))).toBe('These tickets are already linked that way');
    expect(reason(validateLink({ fromId: 'a', toId: 'b', kind: 'parent' }, existing))).toBe('These tickets are already linked; remove that link first');
  });

  it('allows relinking after an unlink', () => {
    expect(validateLink({ fromId: 'a', toId: 'b', kind: 'related' }, [link('a', 'b', 'related', { deleted: 1 })]).ok).toBe(true);
  });

  it('refuses a second parent and a parent loop', () => {
    const tree = [link('outage', 'call-1', 'parent'), link('call-1', 'call-2', 'parent')];
    expect(reason(validateLink({ fromId: 'other', toId: 'call-1', kind: 'parent' }, tree))).toBe('That ticket already has a parent');
    expect(reason(validateLink({ fromId: 'call-2', toId: 'outage', kind: 'parent' }, tree))).toBe('That would make a ticket its own ancestor');
    expect(validateLink({ fromId: 'call-2', toId: 'call-3', kind: 'parent' }, tree).ok).toBe(true);
  });

  it('refuses duplicate loops', () => {
    const dups = [link('b', 'a', 'duplicate'), link('c', 'b', 'duplicate')];
    expect(reason(validateLink({ fromId: 'a', toId: 'c', kind: 'duplicate' }, dups))).toBe('That would make the tickets duplicates of each other');
  });

  it('the schema refuses a self link', () => {
    expect(TicketLinkSchema.safeParse({ id: 'x', fromId: 'a', toId: 'a', kind: 'related', createdBy: 's', createdAt: '2025-01-13T18:00:00.000Z' }).success).toBe(false);
  });
});

describe('linksOf', () => {
  it('shows links from one ticket, de-duplicating concurrent copies', () => {
    const links = [
      link('p', 't', 'parent'),
      link('t', 'c1', 'parent'),
      link('t', 'c1', 'parent'),
      link('r', 't', 'related'),
      link('t', 'r', 'related'),
      link('t', 'orig', 'duplicate'),
      link('d', 't', 'duplicate'),
      link('t', 'gone', 'related', { deleted: 1 }),
    ];
    expect(linksOf('t', links)).toEqual({ parent: 'p', children: ['c1'], related: ['r'], duplicateOf: ['orig'], duplicates: ['d'] });
    expect(linkKey({ fromId: 'r', toId: 't', kind: 'related' })).toBe(linkKey({ fromId: 't', toId: 'r', kind: 'related' }));
    expect(linkKey({ fromId: 'a', toId: 'b', kind: 'parent' })).not.toBe(linkKey({ fromId: 'b', toId: 'a', kind: 'parent' }));
  });
});
