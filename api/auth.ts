import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../platform/db';
import { findUserByToken, Role, User } from '../stores/user-store';
import { ProblemError } from './problem';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** Resolves the bearer token to its user, if any; routes decide whether one is required. */
export function authenticate(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new ProblemError('unauthenticated', 'the Authorization header must be "Bearer <token>"'));
    const user = await findUserByToken(db, match[1]!);
    if (!user) return next(new ProblemError('unauthenticated', 'the bearer token is unknown or revoked'));
    req.user = user;
    next();
  };
}

export function requireUser(req: Request, roles: readonly Role[]): User {
  if (!req.user) throw new ProblemError('unauthenticated', 'this endpoint needs a bearer token');
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
