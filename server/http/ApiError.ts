/** An error that the API answers with its status and a readable message (shared/apiMessages.ts). */
import type { ApiErrorCode } from '../../shared/api.ts';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
  ) {
    super(code);
  }
}
