import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuthSettings } from '../platform/config';
import type { Db } from '../platform/db';
import { findLiveSession, touchSession, UserSession } from '../stores/session-store';
import { findUser, findUserByToken, Role, User } from '../stores/user-store';
import { ProblemError } from './problem';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './session-cookie';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    /** Set when the user came by the session cookie (not by a bearer token). */
    authSession?: UserSession;
  }
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Requests that never adopt a session cookie: signing in (a planted cookie must not become the
 * session, ASVS 3.2.1) and the password links, which work for someone not signed in.
 */
const COOKIE_BLIND = new Set([
  'POST /session',
  'POST /password-resets',
  'POST /password-links/inspection',
  'POST /password-links/redemption',
]);

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser's Origin, when it sends one, must be this API's own (ours, or the public base URL's). */
export function isForeignOrigin(req: Request, publicBaseUrl: string): boolean {
  const origin = req.get('origin');
  if (!origin) return false;
  const own = [new URL(publicBaseUrl).origin, `${req.protocol}://${req.get('host')}`];
  return !own.includes(origin);
}

export interface AuthDeps {
  db: Db;
  settings: AuthSettings;
  publicBaseUrl: string;
  now: () => Date;
}

/**
 * Resolves the caller, if any; routes decide whether one is required. A bearer token wins; else
 * the session cookie, whose unsafe requests need the session's CSRF token (ASVS 4.2.2, 13.2.3).
 */
export function authenticate(deps: AuthDeps) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return next(new ProblemError('unauthenticated', 'the Authorization header must be "Bearer <token>"'));
      const user = await findUserByToken(deps.db, match[1]!);
      if (!user) return next(new ProblemError('unauthenticated', 'the bearer token is unknown or revoked'));
      req.user = user;
      return next();
    }
    const unsafe = !SAFE_METHODS.includes(req.method);
    // Without a bearer token only a browser sends Origin: another site's page may not sign in, sign out or post here.
    if (unsafe && isForeignOrigin(req, deps.publicBaseUrl))
      return next(new ProblemError('csrf-token-invalid', `requests from origin ${req.get('origin')} are refused`));
    const secret = readCookie(req, SESSION_COOKIE);
    if (!secret || COOKIE_BLIND.has(`${req.method} ${req.path}`)) return next();
    const now = deps.now();
    const session = await findLiveSession(deps.db, secret, {
      now,
      idleSince: new Date(now.getTime() - deps.settings.idleTimeoutSeconds * 1000),
    });
    // An ended session is as good as none: the route answers 401 if it needs a user.
    if (!session) return next();
    if (unsafe && !sameSecret(req.get(CSRF_HEADER), session.csrfToken))
      return next(
        new ProblemError(
          'csrf-token-invalid',
          `a signed-in session must send its csrfToken (from POST or GET /session) in the ${CSRF_HEADER} header`,
        ),
      );
    if (now.getTime() - session.lastSeenAt.getTime() >= deps.settings.touchIntervalSeconds * 1000) {
      await touchSession(deps.db, session.id, now);
      session.lastSeenAt = now;
    }
    const user = await findUser(deps.db, session.userId);
    if (!user) return next();
    req.user = user;
    req.authSession = session;
    next();
  };
}

export function requireUser(req: Request, roles: readonly Role[]): User {
  if (!req.user) throw new ProblemError('unauthenticated', 'this endpoint needs a signed-in session or a bearer token');
  if (!roles.includes(req.user.role)) {
    throw new ProblemError('forbidden', `role ${req.user.role} may not do this; allowed: ${roles.join(', ')}`);
  }
  return req.user;
}

export function regulates(user: User, regionCode: string): boolean {
  return user.role === 'admin' || (user.role === 'regulator' && user.regionCodes.includes(regionCode));
}

export function assertRegulates(user: User, regionCode: string): void {
  if (!regulates(user, regionCode)) throw new ProblemError('forbidden', `you do not supervise region ${regionCode}`);
}
