import { hashPassword } from '../../../platform/password-hash';
import {
  findPasswordLink,
  markLinkUsed,
  PasswordLinkPurpose,
  revokeUnusedLinks,
} from '../../../stores/password-link-store';
import { recordAttempt, revokeSessionsOf } from '../../../stores/session-store';
import { findSignInCandidate, findUser, setPasswordHash, User } from '../../../stores/user-store';
import type { DbOrTx } from '../../../platform/db';
import { type ApiDeps, resolvedSettings } from '../../api-deps';
import { ProblemError } from '../../problem';
import { audit } from '../audit/audit-service';
import { createLinkMailer } from './mail-link';
import { writePasswordLink } from './password-link-writer';

/**
 * Single-use, expiring links that set a password: an invitation for a new user, a reset for one
 * who forgot (ASVS 2.5). A new link replaces the user's unused ones; setting a password ends
 * every session of the user (ASVS 3.3.3).
 */
export function createPasswordLinkService(deps: ApiDeps) {
  const { auth, publicBaseUrl, mailFrom, now } = resolvedSettings(deps);
  const mail = createLinkMailer(deps, mailFrom);

  /** Writes the link (in the caller's transaction); the secret is in the returned URL only. */
  function issue(db: DbOrTx, user: User, purpose: PasswordLinkPurpose, issuedBy?: string) {
    const lifetimeSeconds = purpose === 'invitation' ? auth.invitationLinkSeconds : auth.resetLinkSeconds;
    return writePasswordLink(db, { userId: user.id, purpose, lifetimeSeconds, publicBaseUrl, issuedBy, now: now() });
  }

  /** An invitation mailed to the user, in its locale; the link is also returned to whoever issued it. */
  async function invite(actor: User | undefined, user: User, opts: { awaitMail: boolean } = { awaitMail: true }) {
    if (user.deactivatedAt)
      throw new ProblemError('user-deactivated', `user ${user.id} was deactivated on ${user.deactivatedAt}`);
    const link = await deps.db.transaction(async (tx) => {
      const issued = await issue(tx, user, 'invitation', actor?.id);
      if (actor) await audit(tx, actor, { type: 'user', id: user.id }, 'user.invited', { linkId: issued.id });
      return issued;
    });
    const sent = mail('user-invitation', user, link);
    if (opts.awaitMail) await sent;
    else
      sent.catch((error: Error) =>
        deps.logger.warn({ err: error }, 'the invitation mail was not sent; it stays in the outbox'),
      );
    return { link: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  /** The same answer whether or not the e-mail belongs to anyone; the mail goes out after the answer. */
  async function requestReset(email: string): Promise<void> {
    const candidate = await findSignInCandidate(deps.db, email);
    if (!candidate) return;
    const link = await issue(deps.db, candidate.user, 'reset');
    mail('password-reset', candidate.user, link).catch((error: Error) =>
      deps.logger.warn({ err: error }, 'the password reset mail was not sent; it stays in the outbox'),
    );
  }

  async function usable(db: DbOrTx, token: string, lock: boolean) {
    const link = await findPasswordLink(db, token, lock);
    if (!link) throw new ProblemError('not-found', 'no such link; ask for a new one');
    if (link.usedAt || link.revokedAt)
      throw new ProblemError('link-used', 'this link was already used or replaced by a newer one; ask for a new one');
    if (link.expiresAt.getTime() <= now().getTime())
      throw new ProblemError('link-expired', `this link expired at ${link.expiresAt.toISOString()}; ask for a new one`);
    const user = await findUser(db, link.userId);
    if (!user || user.deactivatedAt) throw new ProblemError('link-used', 'this link no longer works');
    return { link, user };
  }

  async function inspect(token: string) {
    const { link, user } = await usable(deps.db, token, false);
    return { email: user.email, purpose: link.purpose, expiresAt: link.expiresAt.toISOString() };
  }

  async function redeem(token: string, password: string, ip: string) {
    // The link first: a made-up token must not cost a memory-hard hash.
    await usable(deps.db, token, false);
    const passwordHash = await hashPassword(password);
    return deps.db.transaction(async (tx) => {
      const { link, user } = await usable(tx, token, true);
      const at = now();
      await markLinkUsed(tx, link.id, at);
      await revokeUnusedLinks(tx, user.id, at);
      await setPasswordHash(tx, user.id, passwordHash, at);
      await revokeSessionsOf(tx, user.id, at);
      // A new password lifts the account's throttle: the owner proved control of the mailbox.
      await recordAttempt(tx, { email: user.email, ip, outcome: 'password-set', at });
      await audit(tx, user, { type: 'user', id: user.id }, 'user.password-set', { purpose: link.purpose });
      return { email: user.email };
    });
  }

  return { issue, invite, requestReset, inspect, redeem };
}
