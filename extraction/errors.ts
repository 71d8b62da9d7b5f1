export type ExtractionErrorCode =
  | 'empty'
  | 'corrupt'
  | 'encrypted'
  | 'unsupported_type'
  | 'too_large'
  | 'too_many_pages'
  | 'timeout'
  | 'cancelled'
  | 'ocr_unavailable';

/**
 * The only error extraction lets escape: callers (workflow activity, bot, CLI) show `message`
 * to a person as is and branch on `code`, so the message is one plain sentence.
 */
export class ExtractionError extends Error {
  readonly code: ExtractionErrorCode;
  constructor(code: ExtractionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExtractionError';
    this.code = code;
  }
}

export const timeoutError = () => new ExtractionError('timeout', 'Reading the document took too long and was stopped.');
export const cancelledError = () => new ExtractionError('cancelled', 'Reading the document was cancelled.');
