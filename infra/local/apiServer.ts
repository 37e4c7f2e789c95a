/**
 * The local stand-in for API Gateway: checks the bearer token (as the authorizer would), turns each HTTP
 * request into the REST proxy event API Gateway sends, and calls the real API handler.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isPublicRoute } from '../../shared/api/routes.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface LocalApi {
  url: string;
  close(): Promise<void>;
}

/** Largest request body accepted, as API Gateway caps payloads (10 MB there). */
const MAX_BODY_BYTES = 1024 * 1024;

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

const UNAUTHORISED = JSON.stringify({ type: 'about:blank', status: 401, title: 'Unauthorized', detail: 'a valid bearer token is required' });

export function toProxyEvent(req: IncomingMessage, body: string): APIGatewayProxyEvent {
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
  const server: Server = createServer((req, res) => {
    // The reader page's shell holds no data: `GET /reader` (and only that) is served without the token.
    const open = req.method === 'GET' && isPublicRoute('GET', new URL(req.url ?? '/', 'http://local').pathname);
    if (!open && !authorised(req, token)) {
      send(res, 401, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' }, UNAUTHORISED);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', async () => {
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const pathname = new URL(req.url ?? '/', 'http://local').pathname;
        const local = admin && pathname.startsWith('/_local/') ? await admin(req.method ?? 'GET', pathname, body) : null;
        if (local) {
          send(res, local.status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(local.body));
          return;
        }
        const result = await handler(toProxyEvent(req, body));
        send(res, result.statusCode, result.headers ?? {}, result.body);
      } catch {
        send(res, 500, { 'content-type': 'application/problem+json' },
          JSON.stringify({ type: 'about:blank', status: 500, title: 'Internal Server Error', detail: 'the handler failed' }));
      }
    });
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
