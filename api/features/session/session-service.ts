import { randomBytes } from 'node:crypto';
import { strictest, throttleDecision } from '../../../domain/sign-in-throttle';
import { createDummyVerifier, hashPassword, needsRehash, verifyPassword } from '../../../platform/password-hash';
import {
  insertSession,
  listLiveSessions,
  recentAttempts,
  recordAttempt,
  revokeSession,
  revokeSessionsOf,
  UserSession,
} from '../../../stores/session-store';
import { findSignInCandidate, setPasswordHash, User } from '../../../stores/user-store';
import { type ApiDeps, resolvedSettings } from '../../api-deps';
import { ProblemError } from '../../problem';
import { audit } from '../audit/audit-service';

/** Refused before any password is checked; the route says when to retry in a Retry-After header. */
export class SignInThrottled extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super('sign-in-throttled', retryMessage(retryAfterSeconds));
  }
}

const SIGN_IN_FAILED = 'the e-mail address or the password is wrong';

export function meOf(user: User) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    locale: user.locale,
    regionCodes: user.regionCodes,
    ...(user.institutionId ? { institutionId: user.institutionId } : {}),
    ...(user.evaluatorOrganizationId ? { evaluatorOrganizationId: user.evaluatorOrganizationId } : {}),
  };
}

function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return (
    `too many failed sign-ins: try again in ${seconds < 120 ? `${seconds} seconds` : `${minutes} minutes`}, ` +
    'or reset your password with POST /password-resets (the console\'s "forgot password" page)'
  );
}

/** Sign-in, sign-out and the signed-in person's sessions. */
export function createSessionService(deps: ApiDeps) {
  const settings = resolvedSettings(deps);
  const { auth, now } = settings;
  const dummyVerify = createDummyVerifier();
  const idleSince = (at: Date) => new Date(at.getTime() - auth.idleTimeoutSeconds * 1000);

  const timesOf = (session: UserSession) => ({
    idleExpiresAt: new Date(session.lastSeenAt.getTime() + auth.idleTimeoutSeconds * 1000).toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  });

  function describe(user: User, session: UserSession) {
    return { user: meOf(user), csrfToken: session.csrfToken, ...timesOf(session) };
  }

  async function throttled(email: string, ip: string, at: Date) {
    const widest = Math.max(auth.accountWindowSeconds, auth.ipWindowSeconds);
    const since = new Date(at.getTime() - widest * 1000);
    const [byAccount, byAddress] = await Promise.all([
      recentAttempts(deps.db, { email }, since),
      recentAttempts(deps.db, { ip }, since),
    ]);
    const rule = (maxFailures: number, windowSeconds: number) => ({ maxFailures, windowSeconds });
    return strictest([
      throttleDecision(byAccount, rule(auth.accountMaxFailures, auth.accountWindowSeconds), at.getTime(), 'account'),
      throttleDecision(byAddress, rule(auth.ipMaxFailures, auth.ipWindowSeconds), at.getTime(), 'address'),
    ]);
  }

  /**
   * Always a new session id (ASVS 3.2.1); the same answer for an unknown e-mail, a wrong password,
   * a deactivated user and one with no password yet (ASVS 2.2.1, 3.2.x), in about the same time.
   */
  async function signIn(input: { email: string; password: string; ip: string; userAgent?: string }) {
    const email = input.email.toLowerCase();
    const at = now();
    const decision = await throttled(email, input.ip, at);
    if (decision.throttled) {
      await recordAttempt(deps.db, { email, ip: input.ip, outcome: 'throttled', at });
      throw new SignInThrottled(decision.retryAfterSeconds);
    }
    const candidate = await findSignInCandidate(deps.db, email);
    const ok = candidate?.passwordHash
      ? await verifyPassword(input.password, candidate.passwordHash)
      : await dummyVerify(input.password);
    if (!ok || !candidate) {
      await recordAttempt(deps.db, { email, ip: input.ip, outcome: 'failed', at });
      throw new ProblemError('sign-in-failed', SIGN_IN_FAILED);
    }
    const { user } = candidate;
    if (needsRehash(candidate.passwordHash!))
      await setPasswordHash(deps.db, user.id, await hashPassword(input.password), at);
    const secret = randomBytes(32).toString('base64url');
    // The session starts now, after the (slow) password check, not when the request came.
    const start = now();
    const session = await deps.db.transaction(async (tx) => {
      await recordAttempt(tx, { email, ip: input.ip, outcome: 'succeeded', at });
      const created = await insertSession(tx, {
        userId: user.id,
        secret,
        csrfToken: randomBytes(32).toString('base64url'),
        now: start,
        absoluteExpiresAt: new Date(start.getTime() + auth.absoluteTimeoutSeconds * 1000),
        userAgent: input.userAgent,
      });
      await audit(tx, user, { type: 'user', id: user.id }, 'user.signed-in', { sessionId: created.id });
      return created;
    });
    return { secret, session, body: describe(user, session), maxAgeSeconds: auth.absoluteTimeoutSeconds };
  }

  async function signOut(user: User, session: UserSession) {
    await revokeSession(deps.db, user.id, session.id, now());
  }

  async function list(user: User, current?: UserSession) {
    const at = now();
    const sessions = await listLiveSessions(deps.db, user.id, { now: at, idleSince: idleSince(at) });
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      ...timesOf(s),
      ...(s.userAgent ? { userAgent: s.userAgent } : {}),
      current: s.id === current?.id,
    }));
  }

  async function revokeOne(user: User, id: string) {
    if (!(await revokeSession(deps.db, user.id, id, now())))
      throw new ProblemError('not-found', `no open session ${id}`);
  }

  async function revokeAll(user: User) {
    await revokeSessionsOf(deps.db, user.id, now());
  }

  return { signIn, signOut, describe, list, revokeOne, revokeAll };
}
