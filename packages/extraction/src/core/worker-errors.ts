import { ExtractionError, isExtractionError } from './errors.js';
import { unexpectedErrorMessage } from './messages.js';

/** An error as it crosses a thread boundary: the code, the French message and the details. */
export interface SerialisedError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What a worker posts for a failure; anything but an ExtractionError is « Erreur inattendue ». */
export function serialiseError(error: unknown): SerialisedError {
  return isExtractionError(error)
    ? { code: error.code, message: error.message, details: { ...error.details } }
    : { code: 'WRITE_FAILED', message: unexpectedErrorMessage((error as Error)?.message ?? String(error)) };
}

/** The error a worker posted, as this package's error again (details kept). */
export function deserialiseError(error: SerialisedError): ExtractionError {
  return new ExtractionError(error.code as ExtractionError['code'], error.message, { details: error.details });
}
