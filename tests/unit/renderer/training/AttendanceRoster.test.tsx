// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AttendanceRoster } from '../../../../renderer/src/features/training/AttendanceRoster';
import type { RosterRow } from '../../../../shared/training/roster';

afterEach(cleanup);

const row = (name: string, registrationId: string): RosterRow => ({ registrationId, name, agency: 'Court', email: '', walkIn: false, mark: null, takenBy: '', at: '' });
const rows = [row('Ana Ruiz', 'r1'), row('Ben Okafor', 'r2'), row('Cy Tran', 'r3')];

describe('attendance at the door', () => {
  it('Enter in the search marks the first match present and clears the search for the next person', async () => {
    const onMark = vi.fn(async () => undefined);
    render(<AttendanceRoster rows={rows} timeZone="UTC" closedReason={null} onMark={onMark} onCancel={async () => undefined} />);
    const search = screen.getByRole('searchbox', { name: 'Find on the roster' });
    await userEvent.type(search, 'oka{Enter}');
    expect(onMark).toHaveBeenCalledWith(rows[1], 'present');
    expect(search).toHaveProperty('value', '');
  });

  it('arrows move between rows and single letters mark the focused row', async () => {
    const onMark = vi.fn(async () => undefined);
    render(<AttendanceRoster rows={rows} timeZone="UTC" closedReason={null} onMark={onMark} onCancel={async () => undefined} />);
    await userEvent.click(screen.getByRole('searchbox', { name: 'Find on the roster' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Present: Ana Ruiz' }));
    await userEvent.keyboard('{ArrowDown}l{ArrowDown}e{ArrowDown}a');
    expect(onMark.mock.calls).toEqual([
      [rows[1], 'late'],
      [rows[2], 'excused'],
      [rows[2], 'absent'], // the last row stays put at the end of the list
    ]);
    await userEvent.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Find on the roster' }));
  });

  it('takes no marks while attendance is closed, and says why', async () => {
    const onMark = vi.fn(async () => undefined);
    render(<AttendanceRoster rows={rows} timeZone="UTC" closedReason="Attendance opens two hours before the session starts." onMark={onMark} onCancel={async () => undefined} />);
    expect(screen.getByText('Attendance opens two hours before the session starts.')).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find on the roster' }), 'ana{Enter}');
    expect(onMark).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Present: Ana Ruiz' })).toHaveProperty('disabled', true);
  });
});
