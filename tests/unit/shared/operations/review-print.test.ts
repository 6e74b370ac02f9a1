import { describe, expect, it } from 'vitest';
import { ReviewPrintSchema } from '../../../../shared/operations/channels';
import { reviewHtml } from '../../../../shared/operations/print/review';
import { pageSetup } from '../../../../shared/print/pageSetup';

const data = {
  title: 'CMS outage <script>alert(1)</script>',
  status: 'Final',
  owner: 'Ana Ruiz',
  reviewDate: '2026-01-20',
  attendees: ['Ana Ruiz', 'Ben Cho'],
  incidents: ['R65R-00001 CMS down'],
  sections: [
    { label: 'Summary', text: 'Down for 2 hours' },
    { label: 'Trigger', text: '' },
  ],
  timeline: [{ when: 'Jan 13, 2026, 7:00 AM', text: 'Opened & <b>escalated</b>' }],
  actions: [{ title: 'Alert on memory', owner: 'Ben Cho', due: '2026-02-01', type: 'Prevent', status: 'Open', link: 'R65R-00001 CMS down' }],
  printedAt: 'Jan 21, 2026',
};

describe('review printout', () => {
  it('prints every section, the timeline and the actions, escaped, on the chosen paper', () => {
    const html = reviewHtml(ReviewPrintSchema.parse(data), pageSetup('A4'), []);
    expect(html).toContain('Post-incident review: CMS outage &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Opened &#38; &#60;b&#62;escalated&#60;/b&#62;');
    expect(html).toContain('<h2>Trigger</h2><p class="rv-empty">Not recorded</p>');
    expect(html).toContain('<td>Alert on memory</td><td>Ben Cho</td><td>2026-02-01</td>');
    expect(html).toContain('Attendees: Ana Ruiz, Ben Cho');
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toContain("default-src 'none'");
  });

  it('the channel refuses unknown fields and a review without a title', () => {
    expect(ReviewPrintSchema.safeParse({ ...data, html: '<p>' }).success).toBe(false);
    expect(ReviewPrintSchema.safeParse({ ...data, title: '' }).success).toBe(false);
  });
});
