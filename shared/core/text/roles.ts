/** The role a classified segment plays in its article, shared by the segmenter, the title choice and the page-break finder. */
import type { ClassifiedSegment } from './classifyLines.js';

/** What a segment is, once metadata lines are known. */
export type Role = 'body' | 'boilerplate' | 'date' | 'source' | 'tags' | 'byline' | 'readAlso' | 'related';

export interface RoledSegment extends ClassifiedSegment {
  role: Role;
}
