import type { Request } from 'express';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { clearSessionCookie, setSessionCookie } from '../../session-cookie';
import { SessionSchema, SessionSummarySchema, SignInSchema } from './session-schemas';
import { createSessionService, SignInThrottled } from './session-service';

const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

function currentSession(req: Request) {
  if (!req.authSession)
    throw new ProblemError('unauthenticated', 'no signed-in session: this request came without a live session cookie');
  return req.authSession;
}

/** Signing in and out with a password, and the signed-in person's sessions (issue 11). */
export function registerSessionRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const sessions = createSessionService(deps);

  route({
    method: 'post',
    path: '/session',
    summary:
      'Sign in with e-mail and password: a new session in the __Host-carepact_session cookie (any session cookie ' +
      'sent along is ignored). Too many failures for the account or from the address answer 429',
    tag: 'session',
    roles: 'public',
    body: SignInSchema,
    response: { status: 201, schema: SessionSchema, description: 'Signed in; Set-Cookie carries the session' },
    responseHeaders: [
      { status: 201, name: 'Set-Cookie', description: '__Host-carepact_session=…; Secure; HttpOnly; SameSite=Lax' },
      { status: 429, name: 'Retry-After', description: 'seconds until sign-in is tried again' },
    ],
    problems: [429],
    handler: async ({ body, req, res }) => {
      try {
        const signedIn = await sessions.signIn({ ...body, ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') });
        setSessionCookie(res, signedIn.secret, signedIn.maxAgeSeconds);
        return signedIn.body;
      } catch (error) {
        if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
    },
  });

  route({
    method: 'get',
    path: '/session',
    summary: 'The current signed-in session and its CSRF token (401 without one; a bearer token has no session)',
    tag: 'session',
    roles: anyone,
    response: { status: 200, schema: SessionSchema, description: 'The session' },
    handler: async ({ user, req }) => sessions.describe(user, currentSession(req)),
  });

  route({
    method: 'delete',
    path: '/session',
    summary: 'Sign out: the session ends and its cookie is cleared. Without a live session there is nothing to end',
    tag: 'session',
    roles: 'public',
    response: { status: 204, schema: z.void(), description: 'Signed out' },
    handler: async ({ req, res }) => {
      if (req.user && req.authSession) await sessions.signOut(req.user, req.authSession);
      clearSessionCookie(res);
    },
  });

  route({
    method: 'get',
    path: '/me/sessions',
    summary: "The caller's open sessions, newest first",
    tag: 'session',
    roles: anyone,
    response: {
      status: 200,
      schema: z.object({ items: z.array(SessionSummarySchema) }),
      description: 'Open sessions',
    },
    handler: async ({ user, req }) => ({ items: await sessions.list(user, req.authSession) }),
  });

  route({
    method: 'delete',
    path: '/me/sessions',
    summary: 'Sign out everywhere: every open session of the caller ends, this one included',
    tag: 'session',
    roles: anyone,
    response: { status: 204, schema: z.void(), description: 'All sessions ended' },
    handler: async ({ user, req, res }) => {
      await sessions.revokeAll(user);
      if (req.authSession) clearSessionCookie(res);
    },
  });

  route({
    method: 'delete',
    path: '/me/sessions/:id',
    summary: "End one of the caller's sessions",
    tag: 'session',
    roles: anyone,
    params: IdParams,
    response: { status: 204, schema: z.void(), description: 'The session ended' },
    handler: async ({ user, params, req, res }) => {
      await sessions.revokeOne(user, params.id);
      if (req.authSession?.id === params.id) clearSessionCookie(res);
    },
  });
}
