import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../../shared/tickets/enums';
import { clearPriorityOverride, effectivePriority, overridePriority, PRIORITY_MATRIX, priorityFor } from '../../../../shared/tickets/priority';
import { applyTransition } from '../../../../shared/tickets/transitions';
import { makeTicket } from './fixtures';

describe('priority matrix', () => {
  it('maps every impact × urgency cell as documented', () => {
    const table = LEVELS.map((i) => LEVELS.map((u) => priorityFor(i, u)).join(' '));
    expect(table).toEqual(['P1 P2 P3', 'P2 P3 P4', 'P3 P4 P4']);
  });

  it('is symmetric and never raises priority when either axis drops', () => {
    const rank = (p: string) => Number(p.slice(1));
    for (const [a, i] of LEVELS.entries())
      for (const [b, u] of LEVELS.entries()) {
        expect(PRIORITY_MATRIX[i][u]).toBe(PRIORITY_MATRIX[u][i]);
        const lowerImpact = LEVELS[a + 1];
        const lowerUrgency = LEVELS[b + 1];
        if (lowerImpact) expect(rank(priorityFor(lowerImpact, u))).toBeGreaterThanOrEqual(rank(priorityFor(i, u)));
        if (lowerUrgency) expect(rank(priorityFor(i, lowerUrgency))).toBeGreaterThanOrEqual(rank(priorityFor(i, u)));
      }
  });

  it('P1 only when both are high', () => {
    const p1 = LEVELS.flatMap((i) => LEVELS.filter((u) => priorityFor(i, u) === 'P1').map((u) => `${i}/${u}`));
    expect(p1).toEqual(['high/high']);
  });
});

describe('priority override', () => {
  const at = '2025-01-13T18:00:00.000Z';

  it('records who, why and when, and wins over the matrix', () => {
    const t = makeTicket({ impact: 'low', urgency: 'low' });
    const r = overridePriority(t, { priority: 'P1', by: 'staff-2', reason: 'Judge Ortiz calendar at 09:00 cannot print', at });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.priority).toBe('P1');
    expect(r.value.priorityOverride).toEqual({ priority: 'P1', by: 'staff-2', reason: 'Judge Ortiz calendar at 09:00 cannot print', at });
    expect(effectivePriority({ ...r.value, impact: 'medium' })).toBe('P1');
  });

  it('needs a reason', () => {
    const r = overridePriority(makeTicket(), { priority: 'P1', by: 'staff-2', reason: '  ', at });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.reason).toBe('Reason for the priority override is required');
  });

  it('is refused on a closed ticket', () => {
    const t = makeTicket();
    const cancelled = applyTransition(t, 'cancelled', { at });
    if (!cancelled.ok) throw new Error('setup');
    expect(overridePriority(cancelled.value, { priority: 'P1', by: 's', reason: 'r', at }).ok).toBe(false);
  });

  it('can be cleared, handing priority back to the matrix', () => {
    const t = makeTicket({ impact: 'low', urgency: 'low' });
    const o = overridePriority(t, { priority: 'P1', by: 's', reason: 'r', at });
    if (!o.ok) throw new Error('setup');
    const c = clearPriorityOverride(o.value, at);
    expect(c.ok && c.value.priority).toBe('P4');
    expect(clearPriorityOverride(t, at).ok).toBe(false);
  });
});
