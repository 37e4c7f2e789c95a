/**
 * The local stand-in for API Gateway: checks the bearer token (as the authorizer would), turns each HTTP
 * request into the REST proxy event API Gateway sends, and calls the real API handler.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isPublicRoute } from '../../shared/service/api/routes.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface LocalApi {
  url: string;
  close(): Promise<void>;
}

/** Largest request body accepted, as API Gateway caps payloads (10 MB there). */
const MAX_BODY_BYTES = 1024 * 1024;

/** Longest request line accepted: API Gateway answers 414 past 8 KB of URL. */
const MAX_URL_BYTES = 8 * 1024;
/** Room for long URLs and headers, so that they reach the handler below and get a problem+json answer. */
const MAX_HEADER_BYTES = 128 * 1024;

const problemBody = (status: number, title: string, detail: string) => JSON.stringify({ type: 'about:blank', status, title, detail });

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorised(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return Boolean(m) && timingSafeEqual(digest(m![1]), digest(token));
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number | boolean>, body: string) {
  res.writeHead(status, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])));
  res.end(body);
}

const UNAUTHORISED = problemBody(401, 'Unauthorized', 'a valid bearer token is required');
const PROBLEM = { 'content-type': 'application/problem+json' };

function toProxyEvent(req: IncomingMessage, body: string): APIGatewayProxyEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multi[k] ??= []).push(v);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  return {
    httpMethod: req.method ?? 'GET',
    path: url.pathname,
    resource: '/{proxy+}',
    pathParameters: { proxy: url.pathname.slice(1) },
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multi).length ? multi : null,
    headers,
    multiValueHeaders: {},
    body: body || null,
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: {
      requestId: randomUUID(), httpMethod: req.method ?? 'GET', path: url.pathname, stage: 'local',
      resourcePath: '/{proxy+}', resourceId: 'local', accountId: '000000000000', apiId: 'local',
      protocol: 'HTTP/1.1', requestTimeEpoch: Date.now(), authorizer: null,
      identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? null } as APIGatewayProxyEvent['requestContext']['identity'],
    },
  };
}

/** Local-only operator routes under `/_local/` (queues, dead letters); authenticated like the rest. */
export type AdminHandler = (method: string, path: string, body: string) => Promise<{ status: number; body: unknown } | null>;

export async function startApiServer(handler: ApiHandler, token: string, port: number, admin?: AdminHandler): Promise<LocalApi> {
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (Buffer.byteLength(req.url ?? '') > MAX_URL_BYTES) {
      send(res, 414, { ...PROBLEM, connection: 'close' }, problemBody(414, 'URI Too Long', `the URL is longer than ${MAX_URL_BYTES} bytes`));
      req.resume();
      return;
    }
    // The reader page's shell holds no data: `GET /reader` (and only that) is served without the token.
    const open = req.method === 'GET' && isPublicRoute('GET', new URL(req.url ?? '/', 'http://local').pathname);
    if (!open && !authorised(req, token)) {
      send(res, 401, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' }, UNAUTHORISED);
      req.resume();
      return;
    }
    const tooLarge = () => problemBody(413, 'Content Too Large', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      send(res, 413, { ...PROBLEM, connection: 'close' }, tooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (!refused) {
        // Answer first, then drop the rest: the client reads a 413, not a reset connection.
        refused = true;
        chunks.length = 0;
        send(res, 413, { ...PROBLEM, connection: 'close' }, tooLarge());
      }
    });
    req.on('end', async () => {
      if (refused) return;
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const pathname = new URL(req.url ?? '/', 'http://local').pathname;
        const local = admin && pathname.startsWith('/_local/') ? await admin(req.method ?? 'GET', pathname, body) : null;
        if (local) {
          const failed = local.status >= 400;
          send(res, local.status, failed ? PROBLEM : { 'content-type': 'application/json; charset=utf-8' },
            JSON.stringify(failed ? { type: 'about:blank', ...(local.body as object) } : local.body));
          return;
        }
        const result = await handler(toProxyEvent(req, body));
        send(res, result.statusCode, result.headers ?? {}, result.body);
      } catch {
        send(res, 500, PROBLEM, problemBody(500, 'Internal Server Error', 'the handler failed'));
      }
    });
  });
  // Requests too malformed or large for the parser still get a problem+json answer, not a bare close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, title] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const body = problemBody(status, title, 'the request could not be parsed');
    socket.end(`HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
