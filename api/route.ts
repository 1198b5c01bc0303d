import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Request, Response, Router } from 'express';
import type { ZodType, z as Z } from 'zod';
import type { Role, User } from '../stores/user-store';
import { requireUser } from './auth';
import { ProblemSchema, z } from './openapi';
import { ProblemError } from './problem';

type Infer<T> = T extends ZodType ? Z.infer<T> : undefined;

export interface RouteSpec<P extends ZodType | undefined, Q extends ZodType | undefined, B extends ZodType | undefined, R extends ZodType> {
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
  response: { status: number; schema: R; description: string };
  /** Problem statuses this route may answer with, for the OpenAPI document. */
  problems?: number[];
  handler: (ctx: { params: Infer<P>; query: Infer<Q>; body: Infer<B>; user: User; req: Request; res: Response }) => Promise<Z.infer<R>>;
}

function parseOr400<T extends ZodType>(schema: T | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new ProblemError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

/**
 * Declares a route once: the same zod schemas validate the request at run time, type the
 * handler, and describe the route in the OpenAPI document.
 */
export function defineRoutes(router: Router, registry: OpenAPIRegistry) {
  return function route<P extends ZodType | undefined, Q extends ZodType | undefined, B extends ZodType | undefined, R extends ZodType>(spec: RouteSpec<P, Q, B, R>) {
    const problemResponses = Object.fromEntries(
      [400, 401, 403, ...(spec.problems ?? [])].map((status) => [status, { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
    );
    const config: RouteConfig = {
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.roles === 'public' ? { security: [] } : { description: `Roles: ${spec.roles.join(', ')}` }),
      request: {
        ...(spec.params ? { params: spec.params as unknown as Z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as unknown as Z.ZodObject } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      },
      responses: { [spec.response.status]: { description: spec.response.description, content: { 'application/json': { schema: spec.response.schema } } }, ...problemResponses },
    };
    registry.registerPath(config);

    router[spec.method](spec.path, async (req, res) => {
      const user = spec.roles === 'public' ? (req.user as User) : requireUser(req, spec.roles);
      const params = parseOr400(spec.params, req.params, 'params');
      const query = parseOr400(spec.query, req.query, 'query');
      const body = parseOr400(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ params, query, body, user, req, res } as never);
      res.status(res.locals.status ?? spec.response.status).json(result);
    });
  };
}

export const IdParams = z.object({ id: z.uuid() });

/** A handler answers with another status than the route's usual one (e.g. 200 for an existing resource instead of 201). */
export function respondWith(res: Response, status: number): void {
  res.locals.status = status;
}
