/**
 * The export and import routes' shapes, shared by server (validates) and
 * client (builds the links, sends the import).
 *
 *   GET  /api/workspaces/:workspaceId/documents/:docId/export.(docx|pdf|md)
 *   GET  /api/workspaces/:workspaceId/workplaces/:workplaceId/report.(docx|pdf)
 *   POST /api/workspaces/:workspaceId/imports   body ImportDocumentBody → 201 CreateDocumentResponse
 *
 * Downloads take an optional `?lang=en` (the file's own words: cover, header,
 * footer); Dutch otherwise.
 */
import { z } from 'zod';
import { MAX_TITLE_LENGTH } from '../members.ts';

export const DOCUMENT_EXPORT_FORMATS = ['docx', 'pdf', 'md'] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];

export const REPORT_FORMATS = ['docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Record<DocumentExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
};

export function documentExportPath(workspaceId: string, docId: string, format: DocumentExportFormat): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(docId)}/export.${format}`;
}

export function reportExportPath(workspaceId: string, workplaceId: string, format: ReportFormat): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/workplaces/${encodeURIComponent(workplaceId)}/report.${format}`;
}

export function importPath(workspaceId: string): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/imports`;
}

/** An imported plan's content is converted in the browser; the server checks it against the schema. */
export const importDocumentBody = z.object({
  workplaceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'bad_request' }),
  title: z.string().trim().min(1, { error: 'bad_request' }).max(MAX_TITLE_LENGTH, { error: 'bad_request' }),
  /** ProseMirror JSON (`{type: 'doc', ...}`) of our schema. */
  content: z.record(z.string(), z.unknown()),
});
export type ImportDocumentBody = z.infer<typeof importDocumentBody>;

/** Largest import body: a long Word plan as JSON is far more than the API's usual 64 KiB. */
export const MAX_IMPORT_BODY_BYTES = 8 * 1024 * 1024;
