/**
 * An upload that can never be processed as it is: empty, binary, truncated, too big, malformed.
 * The pipeline records it as FAILED with `message` (a sentence a person can act on) and does not retry it.
 * Any other error is treated as transient and retried.
 */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

export const isBadInput = (error: unknown): error is BadInputError => error instanceof BadInputError;
