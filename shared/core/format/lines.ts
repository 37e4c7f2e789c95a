/**
 * Bytes → lines, pushed a chunk at a time, for JSON Lines. Splits on the LF byte, which never occurs
 * inside a multi-byte character in UTF-8 or the legacy encodings Sift reads (UTF-16 is transcoded first).
 * A line longer than the limit is dropped as it streams past, so one runaway line cannot fill memory.
 */

export type LineEvent =
  | { kind: 'line'; lineNo: number; offset: number; bytes: Uint8Array }
  | { kind: 'tooLong'; lineNo: number; offset: number; length: number };

const LF = 0x0a;

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private length = 0;
  private lineNo = 1;
  private lineStart = 0;
  private offset = 0;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(LF, from);
      const to = nl < 0 ? chunk.length : nl;
      this.take(chunk.subarray(from, to));
      this.offset += to - from;
      if (nl < 0) break;
      out.push(this.finishLine());
      this.offset += 1;
      this.lineStart = this.offset;
      from = nl + 1;
    }
    return out;
  }

  end(): LineEvent[] {
    return this.length > 0 ? [this.finishLine()] : [];
  }

  private take(piece: Uint8Array) {
    if (!piece.length) return;
    this.length += piece.length;
    if (this.length <= this.maxLineBytes) this.parts.push(piece);
    else this.parts = []; // over the limit: stop keeping it, only count
  }

  private finishLine(): LineEvent {
    const event: LineEvent = this.length > this.maxLineBytes
      ? { kind: 'tooLong', lineNo: this.lineNo, offset: this.lineStart, length: this.length }
      : { kind: 'line', lineNo: this.lineNo, offset: this.lineStart, bytes: concatBytes(this.parts, this.length) };
    this.parts = [];
    this.length = 0;
    this.lineNo++;
    return event;
  }
}

/** Joins chunks, without copying when there is only one. */
export function concatBytes(parts: Uint8Array[], length = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
