// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../shared/markdown/renderMarkdown';
import { pngDataUri } from '../training/fixtures';

const PNG = pngDataUri(2, 2);
const SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64')}`;

const TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'OL', 'UL', 'LI', 'STRONG', 'EM', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'HR', 'BR', 'A', 'IMG', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN']);
const ATTRS = new Set(['href', 'rel', 'src', 'alt', 'title', 'class', 'style', 'start']);

/** Parse the output as a browser would: only known tags and attributes, links and images only where allowed. */
function expectInert(html: string): void {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  for (const el of doc.body.querySelectorAll('*')) {
    expect(TAGS.has(el.tagName), `tag ${el.tagName}`).toBe(true);
    for (const attr of el.attributes) {
      expect(ATTRS.has(attr.name), `attribute ${attr.name} on ${el.tagName}`).toBe(true);
      if (attr.name === 'style') expect(attr.value).toMatch(/^text-align:(left|right|center)$/);
      if (attr.name === 'href') expect(attr.value).toMatch(/^(https?:\/\/|mailto:)/i);
      if (attr.name === 'src') expect(attr.value).toMatch(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/);
    }
  }
}

describe('renderMarkdown', () => {
  it('renders headings, numbered steps, tables, emphasis and safe links', () => {
    const { html, warnings } = renderMarkdown(
      ['# Filing', '', '1. Open **Case**', '2. Press *Save*', '', '| Field | Value |', '|---|--:|', '| Fee | $435 |', '', '[Help](https://help.example.com/a?b=1&c=2) [Mail](mailto:desk@example.gov)'].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(html).toContain('<h1>Filing</h1>');
    expect(html).toMatch(/<ol>\s*<li>Open <strong>Case<\/strong><\/li>\s*<li>Press <em>Save<\/em><\/li>\s*<\/ol>/);
    expect(html).toMatch(/<table>[\s\S]*<th>Field<\/th>[\s\S]*<td style="text-align:right">\$435<\/td>/);
    expect(html).toContain('<a href="https://help.example.com/a?b=1&amp;c=2" rel="noopener noreferrer">Help</a>');
    expect(html).toContain('<a href="mailto:desk@example.gov" rel="noopener noreferrer">Mail</a>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an onerror attribute', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['a style block with url()', '<style>body{background:url(https://evil.example/t.png)}</style>', '&lt;style&gt;'],
    ['an inline style attribute', '<p style="background:url(https://evil.example/x)">x</p>', '&lt;p style='],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', '&lt;iframe'],
    ['an html block', '<div>\n<svg onload=alert(1)>\n</div>', '&lt;svg onload=alert(1)&gt;'],
  ])('escapes %s instead of passing it through', (_label, md, visible) => {
    const { html } = renderMarkdown(md);
    expectInert(html);
    expect(html).toContain(visible);
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['mixed-case javascript:', '[click](JaVaScRiPt:alert(1))'],
    ['entity-encoded javascript:', '[click](javascript&#58;alert(1))'],
    ['vbscript:', '[click](vbscript:msgbox(1))'],
    ['data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['file:', '[click](file:///etc/passwd)'],
    ['a reference definition', '[click][x]\n\n[x]: javascript:alert(1)'],
    ['an autolink', '<javascript:alert(1)>'],
  ])('drops a %s link but keeps its text, and says why', (_label, md) => {
    const { html, warnings } = renderMarkdown(md);
    expectInert(html);
    expect(html).not.toContain('<a ');
    expect(warnings.join(' ')).toMatch(/only web \(http, https\) and email links are allowed/);
  });

  it.each([
    ['a remote image', '![logo](https://evil.example/track.png)', /not linked from https:\/\/evil\.example/],
    ['a protocol-relative image', '![logo](//evil.example/t.png)', /not linked/],
    ['an SVG data URI', `![x](${SVG})`, /not a PNG, JPEG, GIF or WebP/],
    ['a PNG label on HTML bytes', `![x](data:image/png;base64,${Buffer.from('<html><script>').toString('base64')})`, /not really an image/],
    ['a missing embedded image', '![Screen](image:nope)', /missing from this handout/],
  ])('refuses %s, leaving a visible placeholder', (_label, md, why) => {
    const { html, warnings } = renderMarkdown(md);
    expectInert(html);
    expect(html).not.toContain('<img');
    expect(html).toMatch(/<span class="md-blocked">\[(Image not shown|Missing image): (logo|x|Screen)\]<\/span>/);
    expect(warnings.join(' ')).toMatch(why);
  });

  it('shows embedded images, by data URI or by id', () => {
    const { html, warnings, imageIds } = renderMarkdown(`![Inline](${PNG})\n\n![Login screen](image:shot-1)`, { images: { 'shot-1': PNG } });
    expect(warnings).toEqual([]);
    expect(imageIds).toEqual(['shot-1']);
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toContain('alt="Login screen"');
  });

  it('escapes hostile alt text and titles', () => {
    const { html } = renderMarkdown(`![" onerror="alert(1)](${PNG} "\\" onload=\\"x")`);
    expectInert(html);
    expect(html).toContain('alt="&quot; onerror=&quot;alert(1)"');
  });

  it('does not let an images map key like __proto__ resolve', () => {
    const { html, warnings } = renderMarkdown('![x](image:constructor)', { images: {} });
    expect(html).not.toContain('<img');
    expect(warnings).toHaveLength(1);
  });
});
