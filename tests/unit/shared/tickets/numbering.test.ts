import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareTicketNumbers,
  deviceCode,
  formatTicketNumber,
  nextTicketNumber,
  parseTicketNumber,
  pickDeviceCode,
  TICKET_NUMBER_RE,
} from '../../../../shared/tickets/numbering';

describe('device codes', () => {
  it('are stable, four characters, start with a letter and avoid look-alikes', () => {
    const id = '01936b2a-7c1e-7d3f-9a4b-5c6d7e8f9a0b';
    const code = deviceCode(id);
    expect(code).toBe(deviceCode(id.toUpperCase()));
    expect(code).toMatch(/^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{3}$/);
  });

  it('differ between attempts and spread across devices', () => {
    const id = 'device-a';
    expect(new Set([0, 1, 2, 3].map((a) => deviceCode(id, a))).size).toBe(4);
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => deviceCode(`device-${i}`)));
    expect(codes.size).toBeGreaterThan(1990); // a handful of clashes at most in 2,000 of a million
  });

  it('pickDeviceCode moves past codes other devices already use', () => {
    const first = deviceCode('device-a');
    expect(pickDeviceCode('device-a', new Set())).toBe(first);
    expect(pickDeviceCode('device-a', new Set([first]))).toBe(deviceCode('device-a', 1));
  });
});

describe('ticket numbers', () => {
  it('format with at least five digits and grow past them', () => {
    expect(formatTicketNumber('KX7Q', 42)).toBe('KX7Q-00042');
    expect(formatTicketNumber('KX7Q', 123456)).toBe('KX7Q-123456');
    expect(() => formatTicketNumber('KX7Q', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('kx7q', 1)).toThrow(RangeError);
    expect(nextTicketNumber('KX7Q', 41)).toEqual({ number: 'KX7Q-00042', seq: 42 });
  });

  it('parse what people type', () => {
    for (const typed of ['KX7Q-00042', 'kx7q-42', ' #KX7Q-0OO42 ']) expect(parseTicketNumber(typed)).toEqual({ ok: true, value: { code: 'KX7Q', seq: 42 } });
  });

  it('refuse what is not a number, with an example', () => {
    const r = parseTicketNumber('hello');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('"hello" is not a ticket number; they look like KX7Q-00042');
    expect(parseTicketNumber('1X7Q-00001').ok).toBe(false); // must start with a letter
    expect(parseTicketNumber('KX7Q-00000').ok).toBe(false);
  });

  it('round-trip through format and parse, and match the stored pattern', () => {
    const code = fc.stringMatching(/^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{3}$/);
    fc.assert(
      fc.property(code, fc.integer({ min: 1, max: 99_999_999 }), (c, seq) => {
        const n = formatTicketNumber(c, seq);
        expect(TICKET_NUMBER_RE.test(n)).toBe(true);
        expect(parseTicketNumber(n)).toEqual({ ok: true, value: { code: c, seq } });
      }),
    );
  });

  it('two devices numbering offline never collide while their codes differ', () => {
    const a = deviceCode('laptop-1');
    const b = pickDeviceCode('laptop-2', new Set([a]));
    const numbers = new Set<string>();
    for (let i = 1; i <= 500; i++) {
      numbers.add(formatTicketNumber(a, i));
      numbers.add(formatTicketNumber(b, i));
    }
    expect(numbers.size).toBe(1000);
  });

  it('sort numerically within a device', () => {
    const list = ['KX7Q-100000', 'KX7Q-99999', 'AB12-00001', 'KX7Q-00002'];
    expect([...list].sort(compareTicketNumbers)).toEqual(['AB12-00001', 'KX7Q-00002', 'KX7Q-99999', 'KX7Q-100000']);
  });
});
