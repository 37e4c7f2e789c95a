/**
 * Operator routes of the local stack, under `/_local/` on the API port (token required): what in AWS is done
 * with the SQS API on the stack's queues. The `sift` command line uses them for `dlq list`, `dlq redrive`
 * and `reprocess` when it targets the local stack.
 */
import type { AdminHandler } from './apiServer.js';
import type { LocalQueue } from './queue.js';

const MAX_MESSAGES_PER_REQUEST = 1000;

export function adminRoutes(queue: LocalQueue, deadLetterQueue: LocalQueue): AdminHandler {
  return async (method, path, body) => {
    const route = `${method} ${path.replace(/\/$/, '')}`;
    switch (route) {
      case 'GET /_local/queues':
        return { status: 200, body: { ingest: { depth: queue.depth, ...queue.stats }, deadLetter: { depth: deadLetterQueue.depth, ...deadLetterQueue.stats } } };
      case 'GET /_local/dlq':
        return {
          status: 200,
          body: { messages: deadLetterQueue.peekAll().map((m) => ({ messageId: m.messageId, body: m.body, sentAt: new Date(m.sentAt).toISOString() })) },
        };
      case 'POST /_local/dlq/redrive':
        return { status: 200, body: { moved: deadLetterQueue.moveAllTo(queue) } };
      case 'POST /_local/ingest-queue': {
        let messages: unknown;
        try {
          messages = (JSON.parse(body || '{}') as { messages?: unknown }).messages;
        } catch {
          return { status: 400, body: { status: 400, title: 'Bad Request', detail: 'the body is not JSON' } };
        }
        if (!Array.isArray(messages) || messages.length > MAX_MESSAGES_PER_REQUEST || !messages.every((m) => typeof m === 'string')) {
          return { status: 400, body: { status: 400, title: 'Bad Request', detail: `'messages' must be a list of at most ${MAX_MESSAGES_PER_REQUEST} strings` } };
        }
        for (const m of messages) queue.send(m);
        return { status: 200, body: { sent: messages.length } };
      }
      default:
        return null;
    }
  };
}
