import { describe, expect, it } from 'vitest';
import { catalogNameKey, distinctCategories, sameNameAs } from '../../../../shared/tickets/catalog-names';

describe('catalog name rules', () => {
  const sites = [
    { id: 'a', name: 'Hall of Justice' },
    { id: 'b', name: 'Juvenile Justice Center' },
  ];

  it('finds a record with the same name, ignoring case, spacing and Unicode form', () => {
    expect(sameNameAs('hall of justice', sites)?.id).toBe('a');
    expect(sameNameAs('  HALL   of\tJustice ', sites)?.id).toBe('a');
    expect(sameNameAs('Hall of Justices', sites)).toBeUndefined();
    expect(sameNameAs('Hall', sites)).toBeUndefined();
    // "é" typed as one code point or as e + combining accent is the same name.
    expect(sameNameAs('Caf\u0065\u0301', [{ id: 'c', name: 'Caf\u00e9' }])?.id).toBe('c');
    expect(catalogNameKey(' A  B ')).toBe('a b');
  });

  it('lets a record keep its own name in another case', () => {
    expect(sameNameAs('HALL OF JUSTICE', sites, 'a')).toBeUndefined();
    expect(sameNameAs('juvenile justice center', sites, 'a')?.id).toBe('b');
  });

  it('keeps each category once, trimmed, first spelling first, blanks dropped', () => {
    expect(distinctCategories([' Printing ', 'Login', 'printing', '', '   ', 'LOGIN', 'Filing  rejected', 'filing rejected'])).toEqual(['Printing', 'Login', 'Filing  rejected']);
    expect(distinctCategories([])).toEqual([]);
  });
});
