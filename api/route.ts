import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Request, Response, Router } from 'express';
import type { ZodType, z as Z } from 'zod';
import type { Role, User } from '../stores/user-store';
import { requireUser } from './auth';
import { IDEMPOTENCY_HEADER } from './idempotency';
import { ProblemSchema, z } from './openapi';
import { ProblemError } from './problem';
import { assertStorableText } from './unstorable-text';

/** A success without a body (e.g. a DELETE): documented without content, answered with none. */
const NO_CONTENT = 204;

type Infer<T> = T extends ZodType ? Z.infer<T> : undefined;

export interface RouteSpec<
  P extends ZodType | undefined,
  Q extends ZodType | undefined,
  B extends ZodType | undefined,
  R extends ZodType,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path, e.g. /contracts/:id */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; 'public' needs no token. */
  roles: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /**
   * With `files`, the handler answers a FileBody sent as a download in one of these media types
   * (documented as binary), instead of JSON.
   */
  response: { status: number; schema: R; description: string; files?: readonly string[] };
  /**
   * Other success statuses the handler answers with through
   * respondWith, with the same schema (e.g. 200 for a replay of a 201).
   */
  alsoResponds?: { status: number; description: string }[];
  /** Response headers the route sets, by status, for the OpenAPI document. */
  responseHeaders?: { status: number; name: string; description: string }[];
  /**
   * The route honours an Idempotency-Key header: a retry answers
   * 200 with the first record, a reuse for another body 422.
   */
  idempotent?: boolean;
  /**
   * Problem statuses this route may answer with beyond the defaults (see problemStatusesOf), for the OpenAPI document.
   */
  problems?: number[];
  handler: (ctx: {
    params: Infer<P>;
    query: Infer<Q>;
    body: Infer<B>;
    user: User;
    req: Request;
    res: Response;
  }) => Promise<Z.infer<R>>;
}

/**
 * The issue's kind and limit as data, so a client can say the same thing in its reader's language
 * (the message is English) next to the field the path names.
 */
function issueCode(issue: Z.core.$ZodIssue): { code: string; limit?: number | string } {
  // A refinement names its check (api/checks.ts); zod reports it as 'custom'.
  const named = issue.code === 'custom' ? (issue.params as { check?: string } | undefined)?.check : undefined;
  if (named) return { code: named };
  const limit =
    'minimum' in issue
      ? issue.minimum
      : 'maximum' in issue
        ? issue.maximum
        : 'format' in issue
          ? issue.format
          : undefined;
  const code = issue.code === 'too_small' && issue.origin === 'string' && limit === 1 ? 'required' : issue.code;
  return typeof limit === 'number' || typeof limit === 'string' ? { code, limit } : { code };
}

function parseOr400<T extends ZodType>(schema: T | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
    ...issueCode(issue),
  }));
  throw new ProblemError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

const problemDescriptions: Record<number, string> = {
  400: 'The request does not match its schema, or holds text that cannot be stored (NUL, lone surrogates)',
  401: 'No valid bearer token or signed-in session',
  403: 'This caller may not do that, or a signed-in session sent no valid X-CSRF-Token',
  404: 'No such resource, or none this token may see',
  409: 'The resource is not in a state that allows this',
  410: 'Gone: the link has expired or was used, or the operation was replaced (the problem names its successor)',
  413: 'The request body is too large',
  415: 'The request body is not application/json',
  422: 'The request refers to something that does not exist or does not fit',
  503: 'A dependency (database or workflow engine) is unavailable; nothing was changed',
};

/**
 * What every route may answer besides its own problems: a caller's mistake, access, a body it cannot read, an outage.
 */
function problemStatusesOf(spec: {
  method: string;
  roles: readonly Role[] | 'public';
  params?: unknown;
  body?: unknown;
  idempotent?: boolean;
  problems?: number[];
}): number[] {
  // A public route still refuses a token it does not know (401); the
  // JSON parser reads a body sent to any non-GET route (413, 415).
  const statuses = [
    400,
    401,
    // 403 also for a signed-in session's unsafe request without its CSRF token.
    ...(spec.roles === 'public' && spec.method === 'get' ? [] : [403]),
    ...(spec.params ? [404] : []),
    ...(spec.body || spec.method !== 'get' ? [413, 415] : []),
    ...(spec.idempotent ? [422] : []),
    503,
    ...(spec.problems ?? []),
  ];
  return [...new Set(statuses)].sort();
}

/** A body arrived that the JSON parser did not read: refuse it rather than validate {} in its place. */
function hasUnreadBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return (req.headers['transfer-encoding'] !== undefined || length > 0) && !req.is('application/json');
}

/**
 * Declares a route once: the same zod schemas validate the request at run time, type the
 * handler, and describe the route in the OpenAPI document.
 */
export function defineRoutes(router: Router, registry: OpenAPIRegistry) {
  return function route<
    P extends ZodType | undefined,
    Q extends ZodType | undefined,
    B extends ZodType | undefined,
    R extends ZodType,
  >(spec: RouteSpec<P, Q, B, R>) {
    const replay =
      spec.idempotent && spec.response.status !== 200
        ? [
            {
              status: 200,
              description: `A retry with the same ${IDEMPOTENCY_HEADER} and body: the first record, nothing written`,
            },
          ]
        : [];
    const successStatuses = [spec.response, ...replay, ...(spec.alsoResponds ?? [])];
    const headersOf = (status: number) => {
      const headers = (spec.responseHeaders ?? []).filter((h) => h.status === status);
      return headers.length
        ? {
            headers: Object.fromEntries(
              headers.map((h) => [h.name, { description: h.description, schema: { type: 'string' as const } }]),
            ),
          }
        : {};
    };
    const problemResponses = Object.fromEntries(
      problemStatusesOf(spec)
        .filter((status) => !successStatuses.some((s) => s.status === status))
        .map((status) => [
          status,
          {
            description: problemDescriptions[status] ?? 'Problem',
            ...headersOf(status),
            content: { 'application/problem+json': { schema: ProblemSchema } },
          },
        ]),
    );
    const files = spec.response.files;
    const content = files
      ? Object.fromEntries(files.map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }]))
      : { 'application/json': { schema: spec.response.schema } };
    const successResponses = Object.fromEntries(
      successStatuses.map(({ status, description }) => [
        status,
        status === NO_CONTENT ? { description, ...headersOf(status) } : { description, ...headersOf(status), content },
      ]),
    );
    const config: RouteConfig = {
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      tags: [spec.tag],
      // x-roles: who may call it, as data (the console's route-coverage test reads it).
      ...(spec.roles === 'public'
        ? { security: [], 'x-roles': ['public'] }
        : { description: `Roles: ${spec.roles.join(', ')}`, 'x-roles': [...spec.roles] }),
      request: {
        ...(spec.params ? { params: spec.params as unknown as Z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as unknown as Z.ZodObject } : {}),
        ...(spec.idempotent
          ? {
              headers: z.object({
                [IDEMPOTENCY_HEADER]: z
                  .string()
                  .min(1)
                  .max(200)
                  .optional()
                  .describe('a retry with the same key and body answers 200 with the first record'),
              }),
            }
          : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      },
      responses: { ...successResponses, ...problemResponses },
    };
    registry.registerPath(config);

    router[spec.method](spec.path, async (req, res) => {
      const user = spec.roles === 'public' ? (req.user as User) : requireUser(req, spec.roles);
      if (spec.body && hasUnreadBody(req))
        throw new ProblemError(
          'unsupported-media-type',
          `the body is ${req.get('content-type') ?? 'of no declared type'}; this operation reads application/json`,
        );
      // Before the schemas, so every field of every route is covered, whatever its schema says.
      assertStorableText({
        ...(spec.params ? { params: req.params } : {}),
        ...(spec.query ? { query: req.query } : {}),
        ...(spec.body ? { body: req.body } : {}),
        [`headers.${IDEMPOTENCY_HEADER}`]: req.get(IDEMPOTENCY_HEADER),
      });
      const params = parseOr400(spec.params, req.params, 'params');
      const query = parseOr400(spec.query, req.query, 'query');
      const body = parseOr400(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ params, query, body, user, req, res } as never);
      const status = res.locals.status ?? spec.response.status;
      if (status === NO_CONTENT) return void res.status(status).end();
      res.status(status);
      if (!files) return void res.json(result);
      const file = result as FileBody;
      res.type(file.contentType).attachment(file.filename).set('Cache-Control', 'private, no-store').send(file.body);
    });
  };
}

/** A download a route with `response.files` answers. */
export interface FileBody {
  contentType: string;
  filename: string;
  body: Buffer;
}

export const FileBodySchema = z.custom<FileBody>();

export const IdParams = z.object({ id: z.uuid() });

/**
 * A handler answers with another status than the route's usual one (e.g. 200 for an existing resource instead of 201).
 */
export function respondWith(res: Response, status: number): void {
  res.locals.status = status;
}
