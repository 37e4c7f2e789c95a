/**
 * The extraction core's public surface: everything the service code, the handlers, the command line and the
 * local stack use of it. The core is pure (bytes in, records out: no AWS SDK, no environment, no clock but
 * the one passed in) and imports nothing outside `shared/core`; the architecture test holds both.
 * `profiles/profileSchema.ts` is the one other entry point: it loads zod, so it is imported on demand.
 */
export { bomOf, utf16WithoutBom } from './decode/decodeBytes.js';
export { gzipMemberHeaderLength, isGzip } from './decode/gunzip.js';
export { BadInputError, isBadInput } from './errors.js';
export {
  DEFAULT_LIMITS, extractDocumentsStream, extractUpload, extractUploadStream, uploadWarnings,
  type StreamEvent, type UploadSummary,
} from './extractUpload.js';
export { chooseFormat, SNIFF_BYTES } from './format/chooseFormat.js';
export { documentsInRange, rangeStart } from './format/ranges.js';
export { readsInRegions, regionCount } from './format/textRegions.js';
export { opensWithWarcMagic } from './format/warc.js';
export { buildProfileSet, ProfileSet } from './html/profiles.js';
export { lazy } from './lazy.js';
export { SCRAPE_FORMATS, type ArticleImage, type ArticleRecord, type RelatedHeadline, type ScrapeFormat } from './model.js';
export { hostMatches, hostOf, hostPattern, ProfileError } from './profiles/profile.js';
export { articleId, BLOCK_SEPARATOR, EXTRACTOR_VERSION, sha256Hex } from './records.js';
export { EXTRACT_LIMITS, FETCH_LIMITS, REPORT_LIMITS } from './settings.js';
export {
  fingerprintOf, linked, matchingStories, storedStory, storyBytes, type StoryCandidate, type StoryFingerprint,
} from './story/fingerprint.js';
export { groupStories } from './story/groupStories.js';
export { pageStartLines } from './text/extractText.js';
