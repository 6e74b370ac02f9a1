/** A file name that is safe on Windows, macOS and Linux, from a title. */
export function fileNameFor(title: string, suffix: string, ext: string): string {
  const base = `${title} ${suffix}`
    .normalize('NFKD')
    .replace(/[^\w .-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return `${base || 'FieldDesk'}.${ext}`;
}
