/**
 * What stands between a local port and an emulator: s3rver and dynalite accept anything (no signature
 * check, CORS for every origin), so every request first passes here, as it would pass AWS's front door.
 * Refused: requests from a browser page (an Origin header, a cross-site fetch, a CORS preflight), a Host
 * that is not this machine (DNS rebinding), and anything not SigV4-signed with the local key pair
 * (sigv4.ts), with the error S3 or DynamoDB gives for it.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { signedBodySha256 } from './s3Store.js';
import { type Credentials, type IncomingSigned, SERVICES, type SignatureProblem, sha256Hex, verify } from './sigv4.js';

export type EmulatedService = keyof typeof SERVICES;
export type Refusal = SignatureProblem | 'browser' | 'host' | 'tooLarge';

interface ErrorShape { status: number; code: string; message?: string }

/** S3's answers (XML), as in https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html */
const S3_ERRORS: Record<Refusal, ErrorShape> = {
  missing: { status: 403, code: 'AccessDenied', message: 'Access Denied' },
  browser: { status: 403, code: 'AccessDenied', message: 'Access Denied: the local stack refuses requests from browser pages (CORS is off)' },
  host: { status: 403, code: 'AccessDenied', message: 'Access Denied: the local stack answers only requests addressed to this machine' },
  malformed: { status: 400, code: 'AuthorizationHeaderMalformed' },
  scope: { status: 400, code: 'AuthorizationHeaderMalformed' },
  unknownKey: { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' },
  mismatch: { status: 403, code: 'SignatureDoesNotMatch' },
  expired: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
  skewed: { status: 403, code: 'RequestTimeTooSkewed' },
  unsignedHeaders: { status: 403, code: 'AccessDenied' },
  missingContentSha256: { status: 400, code: 'InvalidRequest' },
  tooLarge: { status: 400, code: 'EntityTooLarge' },
};

/**
 * DynamoDB's answers (JSON, DynamoDB's error codes). AWS sends some of these as 400; here every request
 * that is unsigned or wrongly signed gets 403, as on S3, so one check (`curl -w %{http_code}`) tells a
 * refused request from a served one. The SDK reads the code from the body, so clients see the same error.
 */
const DYNAMODB_ERRORS: Record<Refusal, ErrorShape> = {
  missing: { status: 403, code: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' },
  browser: { status: 403, code: 'AccessDeniedException', message: 'the local stack refuses requests from browser pages (CORS is off)' },
  host: { status: 403, code: 'AccessDeniedException', message: 'the local stack answers only requests addressed to this machine' },
  malformed: { status: 400, code: 'IncompleteSignatureException' },
  scope: { status: 400, code: 'InvalidSignatureException' },
  unknownKey: { status: 403, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
  mismatch: { status: 403, code: 'InvalidSignatureException' },
  expired: { status: 403, code: 'InvalidSignatureException', message: 'Signature expired' },
  skewed: { status: 403, code: 'InvalidSignatureException', message: 'Signature expired' },
  unsignedHeaders: { status: 403, code: 'InvalidSignatureException' },
  missingContentSha256: { status: 400, code: 'InvalidSignatureException' },
  tooLarge: { status: 413, code: 'RequestEntityTooLarge', message: 'Request Entity Too Large' },
};

/** dynalite's own limit on a request body. */
const MAX_DYNAMODB_REQUEST_BYTES = 16 * 1024 * 1024;

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether a request was made by a web page: browsers send Origin with every CORS request and every
 * cross-origin POST (form posts included), a preflight is OPTIONS, and Sec-Fetch-Site says where a fetch
 * or an embedded resource came from (`none` is the user typing or opening a URL).
 */
export function fromBrowserPage(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return method === 'OPTIONS' || headers.origin !== undefined || (site !== undefined && site !== 'none');
}

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function errorResponse(service: EmulatedService, refusal: Refusal, detail: string): { status: number; type: string; body: string } {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  if (service === 's3') {
    const { status, code, message = detail } = S3_ERRORS[refusal];
    return {
      status, type: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  const { status, code, message = detail } = DYNAMODB_ERRORS[refusal];
  return { status, type: 'application/x-amz-json-1.0', body: JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message }) };
}

function refuse(service: EmulatedService, req: IncomingMessage, res: ServerResponse, refusal: Refusal, detail: string) {
  const { status, type, body } = errorResponse(service, refusal, detail);
  // The body of a refused upload is not read: close the connection rather than drain it.
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function signedView(req: IncomingMessage): IncomingSigned {
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return { method: req.method ?? 'GET', path: at < 0 ? url : url.slice(0, at), query: at < 0 ? '' : url.slice(at + 1), headers };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The request again, its body already read: what dynalite reads (headers, url, method and the data events). */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  return Object.assign(Readable.from(body.length ? [body] : []), {
    headers: req.headers, rawHeaders: req.rawHeaders, method: req.method, url: req.url,
    httpVersion: req.httpVersion, socket: req.socket, connection: req.socket,
  }) as unknown as IncomingMessage;
}

/**
 * The same S3 path, spelled so s3rver's router takes every key: it matches keys as non-empty segments, so
 * a key with an empty segment (`a//b`, `/lead`, `dir/`) would miss its route or lose a slash. Each slash
 * that starts the key, or is followed by another or by the end, is sent percent-encoded: the router
 * decodes it back into the key.
 */
export function routablePath(rawPath: string): string {
  const bucketEnd = rawPath.indexOf('/', 1);
  if (bucketEnd < 0) return rawPath;
  const key = rawPath.slice(bucketEnd + 1);
  return `${rawPath.slice(0, bucketEnd + 1)}${key.replace(/\/(?=\/|$)|^\//g, '%2F')}`;
}

export interface FrontOptions {
  service: EmulatedService;
  region: string;
  credentials: Credentials;
  /** The emulator's own request listener; it never listens on a port itself. */
  emulator: RequestListener;
  now?: () => number;
}

export function emulatorFront(options: FrontOptions): RequestListener {
  const { service, region, credentials, emulator } = options;
  const rules = SERVICES[service];
  const now = options.now ?? Date.now;
  return (req, res) => {
    if (fromBrowserPage(req.method, req.headers)) return refuse(service, req, res, 'browser', 'browser page');
    if (!isLoopbackHost(req.headers.host)) return refuse(service, req, res, 'host', 'host');
    const view = signedView(req);
    if (rules.declaredPayloadHash) {
      const verdict = verify(view, { rules, region, credentials, now: now() });
      if (!verdict.ok) return refuse(service, req, res, verdict.problem, verdict.message);
      // The signature covers the declared hash; the store checks the body against it before keeping it.
      if (/^[0-9a-f]{64}$/.test(verdict.payloadHash)) signedBodySha256.set(req, verdict.payloadHash);
      req.url = routablePath(view.path) + (view.query ? `?${view.query}` : '');
      emulator(req, res);
      return;
    }
    void readBody(req, MAX_DYNAMODB_REQUEST_BYTES).then((body) => {
      if (body === null) return refuse(service, req, res, 'tooLarge', 'too large');
      const verdict = verify(view, { rules, region, credentials, now: now(), bodySha256: sha256Hex(body) });
      if (!verdict.ok) return refuse(service, req, res, verdict.problem, verdict.message);
      emulator(replay(req, body), res);
    }, () => res.destroy());
  };
}
