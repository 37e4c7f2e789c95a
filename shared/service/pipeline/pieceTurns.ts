/**
 * The piece work items of one invocation, one at a time (docs/big-uploads.md §3). A piece is CPU-bound
 * extraction on the one thread: run side by side, the batch's pieces hold their bytes and extraction state
 * at once (five times the memory of one), each ranged GET waits while another piece extracts (the socket
 * stalls for seconds), and all of them finish only at the end, so a batch that runs out of time loses all
 * its work. In turn, each piece has the thread to itself and what it did is kept.
 *
 * A piece that would likely not finish before the invocation's deadline is not started: it is sent back to
 * the queue as a new message (so another invocation takes it at once, not after the visibility timeout)
 * and counts as done here. "Likely" is judged from the longest piece this execution environment has run.
 * The first piece of an invocation always runs: an estimate above a whole invocation's time (one piece
 * that once ran long, on a busy machine) would otherwise send every piece round the queue for ever.
 */

/** Room kept besides the expected piece time: the status writes and the batch's response. */
const DEADLINE_MARGIN_MS = 5_000;
/** A piece can take this much longer than the longest one seen (a busier stretch of the upload). */
const SLOWER_PIECE_FACTOR = 1.5;

/** The longest piece item this execution environment ran (a warm container keeps it across invocations). */
let longestPieceMs = 0;

export type PieceTurn<T> = { ran: true; value: T } | { ran: false };

export class PieceTurns {
  private tail: Promise<unknown> = Promise.resolve();
  /** Whether a piece of this invocation has run (or started). */
  private started = false;

  /** `remainingMs`: the invocation's time left (Lambda's `getRemainingTimeInMillis`); none: never deferred. */
  constructor(private readonly remainingMs?: () => number) {}

  /** Runs `work` once the pieces queued before it are done, unless too little time is left for it. */
  run<T>(work: () => Promise<T>): Promise<PieceTurn<T>> {
    const turn = this.tail.then(async (): Promise<PieceTurn<T>> => {
      if (this.started && !this.hasTimeForPiece()) return { ran: false };
      this.started = true;
      const started = performance.now();
      try {
        return { ran: true, value: await work() };
      } finally {
        longestPieceMs = Math.max(longestPieceMs, performance.now() - started);
      }
    });
    this.tail = turn.catch(() => {});
    return turn;
  }

  private hasTimeForPiece(): boolean {
    const left = this.remainingMs?.();
    return left === undefined || !longestPieceMs || left >= longestPieceMs * SLOWER_PIECE_FACTOR + DEADLINE_MARGIN_MS;
  }
}

/** For tests: forget the pieces this environment ran. */
export function resetPieceTimes(longestMs = 0): void {
  longestPieceMs = longestMs;
}
