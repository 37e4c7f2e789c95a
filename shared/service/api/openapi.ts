/** OpenAPI 3.1, generated from the route definitions (shared/service/api/contract.ts); built once per process. */
import * as z from 'zod';
import { API_ROUTES, type RouteDefinition } from './contract.js';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** `{key+}` (API Gateway's greedy parameter) is `{key}` in OpenAPI. */
const openApiPath = (path: string) => path.replace(/\{(\w+)\+\}/g, '{$1}');

function queryParameters(route: RouteDefinition) {
  if (!route.query) return [];
  const schema = schemaOf(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name, in: 'query', required: (schema.required ?? []).includes(name) && !('default' in s),
    ...(typeof s.description === 'string' ? { description: s.description } : {}), schema: s,
  }));
}

function operation(route: RouteDefinition) {
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    parameters: [
      ...Object.entries(route.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...queryParameters(route),
    ],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, r]) => {
      const type = r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      return [status, { description: r.description, content: { [type]: { schema: r.schema ? schemaOf(r.schema, 'output') : {} } } }];
    })),
  };
}

function buildOpenApi(routes: RouteDefinition[] = API_ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sift API',
      version: '1',
      description: 'Article records extracted from raw news scrapes. In AWS requests are signed with SigV4 (IAM) or carry a JWT; locally, a bearer token.',
    },
    security: [{ sigv4: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4 (execute-api)' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

let cached: string | undefined;
export const openApiJson = () => (cached ??= JSON.stringify(buildOpenApi()));
