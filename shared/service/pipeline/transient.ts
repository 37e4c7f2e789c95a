/**
 * Errors from outside the core (the download, the tables) are worth a retry through the queue; the core's
 * are final (it is pure: the same bytes fail the same way). These wrappers mark the first kind.
 */

/** An error from outside the core: it must not end the upload as FAILED. */
export class TransientError extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
  }
}

export async function toStore<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new TransientError(error);
  }
}

/** The download, with its failures marked as transient. */
export async function* fromSource(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  try {
    while (true) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw new TransientError(error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
