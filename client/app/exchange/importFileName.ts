/** What the import form needs before any file is read (the converter itself loads on first use). */

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

export const IMPORT_ACCEPT = '.docx,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown';
/** Larger Word files are mostly pictures, which do not come along anyway. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

export function titleFromFileName(name: string): string {
  return name.replace(/\.(docx|md|markdown|txt)$/i, '').replace(/[_]+/g, ' ').trim().slice(0, 120);
}
