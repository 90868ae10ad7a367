/**
 * A file name people recognise ("Plan van aanpak - Voor elkaar.docx"), safe on
 * every operating system, and the Content-Disposition that carries it (ASCII
 * fallback plus the UTF-8 name, RFC 6266), so a header can never be broken
 * open by a title.
 */
export function exportFileBase(parts: readonly (string | null | undefined)[]): string {
  const joined = parts
    .filter((part): part is string => Boolean(part && part.trim()))
    .join(' - ')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .replace(/[. ]+$/, '');
  return joined || 'document';
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
