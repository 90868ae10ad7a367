import type { TFunction } from 'i18next';
import { ApiError } from '../http/api.ts';

/** What to tell people about a failed request: the server's own words when it sent some. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.code === 'network') return t('errors.network');
  }
  return t('errors.unknown');
}
