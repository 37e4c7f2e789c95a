/**
 * AWS Signature Version 4, checked as AWS checks it, for the local emulators' front (emulatorFront.ts).
 * Pure functions: the canonical request, the string to sign, the signing key, and a verdict on one request
 * (Authorization header or presigned query). The unit tests compare them with the SDK's own signer.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** How far a header-signed request's date may be from the clock, and a presigned URL's longest life (AWS's values). */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

/** A request as it arrived: the path and query exactly as sent, the headers as raw name/value pairs. */
export interface IncomingSigned {
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  headers: [name: string, value: string][];
}

export interface Credentials { accessKeyId: string; secretAccessKey: string }

/**
 * How a service canonicalises the path: S3 signs the path encoded once and unnormalised; every other
 * service normalises `.`/`..`/empty segments and encodes the (already encoded) path a second time.
 */
export interface ServiceRules {
  name: string;
  doubleEncodePath: boolean;
  /** Whether the body's hash is declared in `x-amz-content-sha256` (S3) rather than computed from the body. */
  declaredPayloadHash: boolean;
  /** Whether every `x-amz-*` header present must be signed (S3 refuses unsigned ones). */
  signAllAmzHeaders: boolean;
}

export const SERVICES = {
  s3: { name: 's3', doubleEncodePath: false, declaredPayloadHash: true, signAllAmzHeaders: true },
  dynamodb: { name: 'dynamodb', doubleEncodePath: true, declaredPayloadHash: false, signAllAmzHeaders: false },
} as const satisfies Record<string, ServiceRules>;

/** Why a request is refused; each service maps these to its own error shape (emulatorFront.ts). */
export type SignatureProblem =
  | 'missing' // no signature at all
  | 'malformed' // an Authorization header or query parameters that do not parse
  | 'scope' // a credential scope for another region or service, or another day than the request's
  | 'unknownKey'
  | 'mismatch'
  | 'expired' // a presigned URL past its X-Amz-Expires
  | 'skewed' // a header-signed request dated more than 15 minutes from now
  | 'unsignedHeaders'
  | 'missingContentSha256';

export type Verdict =
  | { ok: true; accessKeyId: string; /** The payload hash that was signed: a hex digest the body must match, or a marker. */ payloadHash: string }
  | { ok: false; problem: SignatureProblem; message: string };

/** RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 wants it. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** Decodes one percent-encoded component; null when it is not valid percent-encoded UTF-8. */
function decode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

export function canonicalPath(rawPath: string, rules: ServiceRules): string | null {
  if (!rules.doubleEncodePath) {
    const segments = rawPath.split('/').map(decode);
    return segments.includes(null) ? null : (segments as string[]).map(uriEncode).join('/');
  }
  const kept: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const normalised = `/${kept.join('/')}${kept.length && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEncode(normalised).replace(/%2F/g, '/');
}

/** The query's name/value pairs, decoded; null when one is not valid percent-encoding. */
export function queryPairs(rawQuery: string): [string, string][] | null {
  if (!rawQuery) return [];
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = decode(at < 0 ? part : part.slice(0, at));
    const value = decode(at < 0 ? '' : part.slice(at + 1));
    if (name === null || value === null) return null;
    pairs.push([name, value]);
  }
  return pairs;
}

export function canonicalQuery(pairs: [string, string][], omit?: string): string {
  const encoded = pairs.filter(([name]) => name !== omit).map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  encoded.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** A header's value as SigV4 signs it: every occurrence trimmed, runs of spaces made one, joined by commas. */
function headerValue(headers: [string, string][], name: string): string | undefined {
  const values = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim());
  return values.length ? values.join(',') : undefined;
}

export function canonicalRequest(
  method: string, path: string, query: string, headers: [string, string][], signedHeaders: string[], payloadHash: string,
): string {
  const lines = signedHeaders.map((name) => `${name}:${headerValue(headers, name) ?? ''}\n`).join('');
  return `${method}\n${path}\n${query}\n${lines}\n${signedHeaders.join(';')}\n${payloadHash}`;
}

function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
}

function signature(key: Buffer, toSign: string): string {
  return hmac(key, toSign).toString('hex');
}

/** `20250102T030405Z` as a time; NaN when it is not one. */
export function parseAmzDate(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/** What the signature claims, from the Authorization header or from the presigned query. */
interface Claim {
  form: 'header' | 'query';
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string | undefined;
  expires?: string;
}

function claimOf(request: IncomingSigned, pairs: [string, string][]): Claim | 'missing' | 'malformed' {
  const authorization = headerValue(request.headers, 'authorization');
  const param = (name: string) => pairs.find(([n]) => n === name)?.[1];
  const algorithm = param('X-Amz-Algorithm');
  if (authorization !== undefined && algorithm !== undefined) return 'malformed';
  if (authorization !== undefined) {
    const m = /^AWS4-HMAC-SHA256 +(.*)$/.exec(authorization);
    if (!m) return 'malformed';
    const fields = new Map(m[1].split(',').map((f) => f.trim().split('=', 2) as [string, string]));
    const [credential, signedHeaders, sig] = ['Credential', 'SignedHeaders', 'Signature'].map((k) => fields.get(k));
    if (!credential || !signedHeaders || !sig) return 'malformed';
    const amzDate = headerValue(request.headers, 'x-amz-date');
    return { form: 'header', credential, signedHeaders, signature: sig, amzDate };
  }
  if (algorithm === undefined) return 'missing';
  const [credential, signedHeaders, sig, amzDate, expires] = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-Expires'].map(param);
  if (algorithm !== ALGORITHM || !credential || !signedHeaders || !sig || !amzDate || !expires) return 'malformed';
  return { form: 'query', credential, signedHeaders, signature: sig, amzDate, expires };
}

const refuse = (problem: SignatureProblem, message: string): Verdict => ({ ok: false, problem, message });

export interface VerifyOptions {
  rules: ServiceRules;
  region: string;
  /** The one key pair the local stack knows. */
  credentials: Credentials;
  now: number;
  /** The body's SHA-256, for services that sign a computed hash (DynamoDB); S3 declares it in a header. */
  bodySha256?: string;
}

/** Whether a request carries a valid SigV4 signature by the given credentials, and if not, why. */
export function verify(request: IncomingSigned, options: VerifyOptions): Verdict {
  const { rules } = options;
  const pairs = queryPairs(request.query);
  if (!pairs) return refuse('malformed', 'the query string is not valid percent-encoding');
  const claim = claimOf(request, pairs);
  if (claim === 'missing') return refuse('missing', 'the request is not signed');
  if (claim === 'malformed') return refuse('malformed', 'the signature is not AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature');

  const scopeParts = claim.credential.split('/');
  if (scopeParts.length !== 5) return refuse('malformed', `the credential ${claim.credential} is not KEY/DAY/REGION/SERVICE/aws4_request`);
  const [accessKeyId, day, region, service, terminator] = scopeParts;
  if (accessKeyId !== options.credentials.accessKeyId) return refuse('unknownKey', `the access key ${accessKeyId} is not the local stack's`);
  const signedAt = parseAmzDate(claim.amzDate);
  if (Number.isNaN(signedAt)) return refuse('malformed', 'X-Amz-Date is missing or not YYYYMMDDTHHMMSSZ');
  if (day !== claim.amzDate!.slice(0, 8) || region !== options.region || service !== rules.name || terminator !== 'aws4_request') {
    return refuse('scope', `the credential scope ${scopeParts.slice(1).join('/')} should be ${claim.amzDate!.slice(0, 8)}/${options.region}/${rules.name}/aws4_request`);
  }
  if (claim.form === 'query') {
    const expires = Number(claim.expires);
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_SECONDS) {
      return refuse('malformed', `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_SECONDS}`);
    }
    if (options.now > signedAt + expires * 1000) return refuse('expired', 'Request has expired');
    if (signedAt - options.now > MAX_CLOCK_SKEW_MS) return refuse('skewed', 'the request is dated in the future');
  } else if (Math.abs(options.now - signedAt) > MAX_CLOCK_SKEW_MS) {
    return refuse('skewed', 'The difference between the request time and the current time is too large.');
  }

  const signedHeaders = claim.signedHeaders.split(';');
  const sorted = [...signedHeaders].sort().join(';') === claim.signedHeaders && new Set(signedHeaders).size === signedHeaders.length;
  if (!sorted || !signedHeaders.includes('host') || signedHeaders.some((h) => !/^[a-z0-9-]+$/.test(h))) {
    return refuse('malformed', 'SignedHeaders must be lower-case, sorted, without repeats, and include host');
  }
  if (rules.signAllAmzHeaders) {
    const unsigned = [...new Set(request.headers.map(([n]) => n.toLowerCase()))]
      .filter((n) => n.startsWith('x-amz-') && !signedHeaders.includes(n) && !(claim.form === 'query' && n === 'x-amz-content-sha256'));
    if (unsigned.length) return refuse('unsignedHeaders', `There were headers present in the request which were not signed: ${unsigned.join(', ')}`);
  }

  let payloadHash: string;
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  if (rules.declaredPayloadHash) {
    if (claim.form === 'query') payloadHash = pairs.find(([n]) => n === 'X-Amz-Content-Sha256')?.[1] ?? UNSIGNED_PAYLOAD;
    else if (declared === undefined) return refuse('missingContentSha256', 'Missing required header for this request: x-amz-content-sha256');
    else payloadHash = declared;
  } else {
    payloadHash = options.bodySha256 ?? EMPTY_SHA256;
    if (declared !== undefined && declared !== payloadHash) return refuse('mismatch', 'x-amz-content-sha256 is not the hash of the body');
  }

  const path = canonicalPath(request.path, rules);
  if (path === null) return refuse('malformed', 'the path is not valid percent-encoding');
  const query = canonicalQuery(pairs, claim.form === 'query' ? 'X-Amz-Signature' : undefined);
  const canonical = canonicalRequest(request.method, path, query, request.headers, signedHeaders, payloadHash);
  const expected = signature(signingKey(options.credentials.secretAccessKey, day, region, service), stringToSign(claim.amzDate!, scopeParts.slice(1).join('/'), canonical));
  const given = Buffer.from(claim.signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    return refuse('mismatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  return { ok: true, accessKeyId, payloadHash };
}

export { sha256Hex };
