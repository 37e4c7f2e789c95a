/**
 * Sift's own messages on the ingest queue: the work items of big uploads' pieces (pipeline/pieces.ts,
 * docs/big-uploads.md). Pure and free of dependencies, so the message parser stays light.
 */

export type PieceFormat = 'jsonl' | 'warc' | 'text';

/** One queue message of Sift's own: a phase of one piece of one upload version. */
export interface PieceWorkItem {
  phase: 'count' | 'commit';
  bucket: string;
  key: string;
  versionId?: string;
  /** The claimed sequencer: every status write of the piece is conditional on it. */
  sequencer: string;
  piece: number;
  pieces: number;
  /** The object's size: with `pieces`, it gives every piece's range. */
  size: number;
  start: number;
  end: number;
  format: PieceFormat;
  gzipMembers: boolean;
  /** Text only: the region size the plan was made with (a piece is whole regions, format/textRegions.ts). */
  regionBytes?: number;
  /** Commit only: the upload index of the piece's first article. */
  firstIndex?: number;
}

const PIECE_FORMATS: ReadonlySet<PieceFormat> = new Set(['jsonl', 'warc', 'text']);

export const pieceMessage = (item: PieceWorkItem) => JSON.stringify({ siftPiece: item });

/** Validates the `siftPiece` member of a queue message; null when it is not a well-formed work item. */
export function parsePieceItem(value: unknown): PieceWorkItem | null {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return null;
  const int = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  const str = (x: unknown) => typeof x === 'string' && x.length > 0;
  if (v.phase !== 'count' && v.phase !== 'commit') return null;
  if (!str(v.bucket) || !str(v.key) || !str(v.sequencer) || (v.versionId !== undefined && !str(v.versionId))) return null;
  if (!int(v.piece) || !int(v.pieces) || !int(v.size) || !int(v.start) || !int(v.end) || (v.piece as number) >= (v.pieces as number)) return null;
  if ((v.start as number) > (v.end as number) || !PIECE_FORMATS.has(v.format as PieceFormat) || typeof v.gzipMembers !== 'boolean') return null;
  if (v.phase === 'commit' && !int(v.firstIndex)) return null;
  if (v.format === 'text' && !(int(v.regionBytes) && (v.regionBytes as number) > 0)) return null;
  return {
    phase: v.phase, bucket: v.bucket as string, key: v.key as string, ...(v.versionId ? { versionId: v.versionId as string } : {}),
    sequencer: v.sequencer as string, piece: v.piece as number, pieces: v.pieces as number, size: v.size as number, start: v.start as number,
    end: v.end as number, format: v.format as PieceFormat, gzipMembers: v.gzipMembers, ...(v.format === 'text' ? { regionBytes: v.regionBytes as number } : {}),
    ...(v.phase === 'commit' ? { firstIndex: v.firstIndex as number } : {}),
  };
}
