/**
 * The schema of a source profile document (zod) and its reader, apart from profile.ts so that zod is loaded
 * only where a profile document is validated (buildProfileSet imports this module when it has documents to
 * read; the command line when it checks one): a cold start with no profiles never evaluates zod. zod/mini (the
 * functional API, with the English messages of the classic one) keeps the ingest bundle about 60 KB smaller, and
 * that much less to parse on every cold start.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { hostPattern, PROFILE_LIMITS, ProfileError } from './profile.js';

/** A profile name: what records carry in `profile` and metrics in their `profile` dimension. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

// the messages of a type mismatch ("expected string, received number"), as classic zod configures them
z.config(en());

const selector = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(PROFILE_LIMITS.maxSelectorChars, `must be at most ${PROFILE_LIMITS.maxSelectorChars} characters`));

const ProfileSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(PROFILE_LIMITS.maxNameChars, `must be at most ${PROFILE_LIMITS.maxNameChars} characters`),
    z.regex(NAME, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit')),
  hosts: z.array(z.pipe(z.string(), z.transform((host: string, ctx) => {
    const pattern = hostPattern(host);
    if (typeof pattern === 'string') return pattern;
    ctx.issues.push({ code: 'custom', message: pattern.reason, input: host });
    return z.NEVER;
  }))).check(z.minLength(1, 'must list at least one host'), z.maxLength(PROFILE_LIMITS.maxHosts, `must list at most ${PROFILE_LIMITS.maxHosts} hosts`)),
  article: z.optional(selector),
  title: z.optional(selector),
  body: selector,
  drop: z.optional(z.array(selector).check(z.maxLength(PROFILE_LIMITS.maxDrop, `must list at most ${PROFILE_LIMITS.maxDrop} selectors`))),
  published: z.optional(selector),
  authors: z.optional(selector),
  tags: z.optional(selector),
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

