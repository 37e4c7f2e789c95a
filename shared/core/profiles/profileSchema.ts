/**
 * The schema of a source profile document (zod) and its reader, apart from profile.ts so that zod is loaded
 * only where a profile document is validated (buildProfileSet imports this module when it has documents to
 * read; the command line when it checks one): a cold start with no profiles never evaluates zod.
 */
import * as z from 'zod';
import { hostPattern, PROFILE_LIMITS, ProfileError } from './profile.js';

/** A profile name: what records carry in `profile` and metrics in their `profile` dimension. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

const selector = z.string().trim().min(1, 'must not be empty').max(PROFILE_LIMITS.maxSelectorChars, `must be at most ${PROFILE_LIMITS.maxSelectorChars} characters`);

const ProfileSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(PROFILE_LIMITS.maxNameChars, `must be at most ${PROFILE_LIMITS.maxNameChars} characters`)
    .regex(NAME, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit'),
  hosts: z.array(z.string().transform((host, ctx) => {
    const pattern = hostPattern(host);
    if (typeof pattern === 'string') return pattern;
    ctx.addIssue({ code: 'custom', message: pattern.reason });
    return z.NEVER;
  })).min(1, 'must list at least one host').max(PROFILE_LIMITS.maxHosts, `must list at most ${PROFILE_LIMITS.maxHosts} hosts`),
  article: selector.optional(),
  title: selector.optional(),
  body: selector,
  drop: z.array(selector).max(PROFILE_LIMITS.maxDrop, `must list at most ${PROFILE_LIMITS.maxDrop} selectors`).optional(),
  published: selector.optional(),
  authors: selector.optional(),
  tags: selector.optional(),
});

export type SourceProfile = z.infer<typeof ProfileSchema>;

/** One profile document (parsed JSON or its text) → a valid profile; throws ProfileError naming the field. */
export function parseProfile(input: unknown, origin: string): SourceProfile {
  let value = input;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input) > PROFILE_LIMITS.maxDocumentBytes) throw new ProfileError(origin, '', `is over ${PROFILE_LIMITS.maxDocumentBytes} bytes`);
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ProfileError(origin, '', `is not valid JSON (${(error as Error).message})`);
    }
  }
  const parsed = ProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
    const reason = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new ProfileError(origin, issue.code === 'unrecognized_keys' ? '' : field, reason);
  }
  return parsed.data;
}

