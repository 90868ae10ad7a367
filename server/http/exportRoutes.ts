/**
 * Export and import routes (shared/exchange/exchangeApi.ts has their shapes).
 * Downloads follow the rules for reading a document: every member of the
 * workspace, view-only included; anyone else gets 401/403 as on every API
 * route. Import creates a document, so it needs edit access.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CreateDocumentResponse } from '../../shared/api.ts';
import { languageFromHeader, type Language } from '../../shared/apiMessages.ts';
import { documentFromJSON } from '../../shared/exchange/documentSchema.ts';
import {
  DOCUMENT_EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  importDocumentBody,
  MAX_IMPORT_BODY_BYTES,
  REPORT_FORMATS,
  type DocumentExportFormat,
} from '../../shared/exchange/exchangeApi.ts';
import { exportLabels, longDate } from '../../shared/exchange/exportLabels.ts';
import { documentToMarkdown } from '../../shared/exchange/markdown.ts';
import { writeRichTextJSON } from '../../shared/exchange/richTextJson.ts';
import { newId } from '../../shared/ids.ts';
import { isSafeLinkHref } from '../../shared/links.ts';
import { isValidId } from '../../shared/rooms.ts';
import type { Accounts } from '../accounts/Accounts.ts';
import { createDocument } from '../documents/createDocument.ts';
import { localIsoDate } from '../documents/documentTemplates.ts';
import { documentToDocx } from '../exchange/docxDocument.ts';
import { contentDisposition, exportFileBase } from '../exchange/exportFileName.ts';
import { loadExportedDocument, loadWorkspaceIndex, NotRichTextError, type Contributor } from '../exchange/exportSource.ts';
import { PdfBusyError, PdfPrinter, PdfUnavailableError } from '../exchange/pdfPrinter.ts';
import type { PrintableDocument } from '../exchange/printableDocument.ts';
import { documentToHtml } from '../exchange/printHtml.ts';
import { resolveListChips } from '../exchange/listChipText.ts';
import { buildWorkplaceReport } from '../exchange/workplaceReport.ts';
import type { DocumentQuota } from '../limits/DocumentQuota.ts';
import type { Logger } from '../logger.ts';
import type { SessionRecord, Storage } from '../storage/Storage.ts';
import { ApiError } from './ApiError.ts';
import { authorize, bearerToken, findCredential, isOwnOrigin } from './auth.ts';

export interface ExchangeRoutesOptions {
  accounts: Accounts;
  storage: Storage;
  logger: Logger;
  /** The Chromium that prints PDFs (CHROMIUM_PATH). */
  chromiumPath: string;
  publicUrl: string | undefined;
  documentQuota?: DocumentQuota;
  now?: () => number;
}

function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!value || !isValidId(value)) throw new ApiError(404, 'not_found');
  return value;
}

function languageOf(request: FastifyRequest): Language {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'en' || asked === 'nl') return asked;
  return languageFromHeader(request.headers['accept-language']);
}

function formatOf<T extends string>(request: FastifyRequest, allowed: readonly T[]): T {
  const format = (request.params as Record<string, string | undefined>).format;
  if (!format || !(allowed as readonly string[]).includes(format)) throw new ApiError(404, 'not_found');
  return format as T;
}

/** Only web and mail links: the editor would not make any other kind, so an import may not either. */
function linksAreSafe(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return true;
  const { marks, content } = node as { marks?: unknown; content?: unknown };
  for (const mark of Array.isArray(marks) ? marks : []) {
    const { type, attrs } = mark as { type?: unknown; attrs?: { href?: unknown } };
    if (type === 'link' && !isSafeLinkHref(attrs?.href)) return false;
  }
  return Array.isArray(content) ? content.every(linksAreSafe) : true;
}

export function registerExchangeRoutes(app: FastifyInstance, options: ExchangeRoutesOptions): void {
  const { accounts, storage } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ component: 'exchange' });
  const printer = new PdfPrinter(options.chromiumPath, logger);
  app.addHook('onClose', async () => printer.close());

  async function requireMember(request: FastifyRequest, needsEdit: boolean): Promise<SessionRecord> {
    const workspaceId = param(request, 'workspaceId');
    const result = await authorize(accounts, workspaceId, findCredential(workspaceId, bearerToken(request.headers), request.cookies));
    if (!result.ok) throw new ApiError(result.status, result.status === 401 ? 'unauthenticated' : 'forbidden');
    // HEAD answers like its GET: a browser sends no Origin with either (apiRoutes.ts has the same rule).
    const changesState = request.method !== 'GET' && request.method !== 'HEAD';
    if (changesState && result.via === 'cookie' && !isOwnOrigin(request.headers.origin, request.headers.host, options.publicUrl)) {
      throw new ApiError(403, 'forbidden');
    }
    if (needsEdit && result.session.member.access !== 'edit') throw new ApiError(403, 'forbidden');
    return result.session;
  }

  async function send(reply: FastifyReply, printable: PrintableDocument, format: DocumentExportFormat, fileBase: string, markdown?: () => string) {
    let body: Buffer | string;
    if (format === 'docx') body = await documentToDocx(printable);
    else if (format === 'md') body = markdown!();
    else {
      if (!printer.available()) throw new ApiError(503, 'pdf_unavailable');
      const labels = exportLabels(printable.language);
      try {
        body = await printer.print(documentToHtml(printable), {
          title: printable.title,
          headerText: [printable.coalition, printable.workplace].filter(Boolean).join(' · '),
          pageLabel: labels.page('{current}', '{total}'),
        });
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new ApiError(503, 'pdf_unavailable');
        if (error instanceof PdfBusyError) throw new ApiError(429, 'too_many_requests');
        throw error;
      }
    }
    return reply
      .header('Content-Type', EXPORT_MEDIA_TYPES[format])
      .header('Content-Disposition', contentDisposition(`${fileBase}.${format}`))
      .header('Cache-Control', 'private, no-store')
      .send(body);
  }

  app.get('/api/workspaces/:workspaceId/documents/:docId/export.:format', async (request, reply) => {
    const session = await requireMember(request, false);
    const format = formatOf(request, DOCUMENT_EXPORT_FORMATS);
    const language = languageOf(request);
    let exported;
    try {
      exported = await loadExportedDocument(storage, session.workspace, param(request, 'docId'));
    } catch (error) {
      if (error instanceof NotRichTextError) throw new ApiError(409, 'not_rich_text');
      throw error;
    }
    if (!exported) throw new ApiError(404, 'not_found');
    const labels = exportLabels(language);
    const today = localIsoDate(now());
    // Chips to decisions and actions print as their title and status, as the notes show them.
    exported.content = await resolveListChips(storage, session.workspace.id, exported.content, language, today);
    const printable: PrintableDocument = {
      language,
      title: exported.title,
      subtitle: exported.kind === 'meeting' && exported.meetingDate
        ? `${labels.meetingNotes}, ${longDate(exported.meetingDate, language)}`
        : exported.kind === 'plan' ? labels.planOfApproach : labels.meetingNotes,
      coalition: exported.coalition,
      workplace: exported.workplace,
      date: today,
      sections: [{ content: exported.content }],
    };
    logger.info({ workspace: session.workspace.id, doc: exported.id, format }, 'document exported');
    return send(reply, printable, format, exportFileBase([exported.title, exported.workplace]), () =>
      `# ${exported.title}\n\n${documentToMarkdown(exported.content)}`,
    );
  });

  app.get('/api/workspaces/:workspaceId/workplaces/:workplaceId/report.:format', async (request, reply) => {
    const session = await requireMember(request, false);
    const format = formatOf(request, REPORT_FORMATS);
    const workplaceId = param(request, 'workplaceId');
    const index = await loadWorkspaceIndex(storage, session.workspace.id);
    const workplace = index.workplaces.find((candidate) => candidate.id === workplaceId);
    if (!workplace) throw new ApiError(404, 'not_found');
    const members = await storage.listMembers(session.workspace.id);
    // Those who can write are the ones who wrote it along; readers (often the municipality itself) are not.
    const contributors: Contributor[] = members
      .filter((member) => member.removedAt === null && member.access === 'edit')
      .map((member) => ({ name: member.name, role: member.role }));
    const language = languageOf(request);
    const report = await buildWorkplaceReport(
      { storage, workspace: session.workspace, workplace, index, language },
      contributors,
      localIsoDate(now()),
    );
    logger.info({ workspace: session.workspace.id, workplace: workplaceId, format, sections: report.sections.length }, 'report exported');
    return send(reply, report, format, exportFileBase([exportLabels(language).reportTitle, workplace.title]));
  });

  app.post(
    '/api/workspaces/:workspaceId/imports',
    { bodyLimit: MAX_IMPORT_BODY_BYTES },
    async (request, reply): Promise<CreateDocumentResponse> => {
      const session = await requireMember(request, true);
      const parsed = importDocumentBody.safeParse(request.body ?? {});
      if (!parsed.success) throw new ApiError(400, 'bad_request');
      const body = parsed.data;
      try {
        documentFromJSON(body.content);
        if (!linksAreSafe(body.content)) throw new Error('link with a disallowed protocol');
      } catch {
        // The browser converted the file; whatever it sent must fit the editor's schema, or nothing is made.
        throw new ApiError(400, 'import_invalid');
      }
      const index = await loadWorkspaceIndex(storage, session.workspace.id);
      if (!index.workplaces.some((workplace) => workplace.id === body.workplaceId)) throw new ApiError(404, 'not_found');
      if (options.documentQuota && !(await options.documentQuota.allowsAnother(session.workspace.id))) {
        throw new ApiError(409, 'document_limit_reached');
      }
      const docId = newId();
      // The document record names the importing member as its creator.
      await createDocument(storage, { workspaceId: session.workspace.id, docId, createdBy: session.member.id, at: now() }, (doc) =>
        writeRichTextJSON(doc, body.content),
      );
      logger.info({ workspace: session.workspace.id, doc: docId }, 'document imported');
      reply.code(201);
      return { docId, kind: 'plan', title: body.title };
    },
  );
}
