/**
 * Fetches an export and hands it to the browser as a download. Fetched rather
 * than linked, so that a refusal (no Chromium for the PDF, access taken away)
 * shows the server's readable message on the page instead of an error page or
 * a broken file.
 */
import type { ApiErrorBody } from '../../../shared/api.ts';
import { ApiError } from '../../http/api.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { downloadBlob } from '../../ui/downloadText.ts';

function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // A malformed name: the plain one below will do.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Resolves with the file's name once the browser has it. */
export async function downloadExport(path: string, fallbackName: string): Promise<string> {
  const language = currentLanguage();
  let response: Response;
  try {
    response = await fetch(`${path}?lang=${language}`, { headers: { 'Accept-Language': language }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body?.error ?? 'internal', body?.message ?? '');
  }
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  downloadBlob(name, blob);
  return name;
}
