import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../../platform/db';
import { insertPasswordLink, PasswordLinkPurpose, revokeUnusedLinks } from '../../../stores/password-link-store';
import { findUserByToken } from '../../../stores/user-store';

/**
 * Writes a new single-use link for the user, and retires its unused ones. The secret goes only
 * into the URL's fragment, which browsers never send to a server or write to its logs.
 */
export async function writePasswordLink(
  db: DbOrTx,
  l: {
    userId: string;
    purpose: PasswordLinkPurpose;
    lifetimeSeconds: number;
    publicBaseUrl: string;
    issuedBy?: string;
    now: Date;
  },
): Promise<{ id: string; url: string; expiresAt: Date }> {
  await revokeUnusedLinks(db, l.userId, l.now);
  const secret = randomBytes(32).toString('base64url');
  const link = await insertPasswordLink(db, {
    userId: l.userId,
    secret,
    purpose: l.purpose,
    issuedBy: l.issuedBy,
    now: l.now,
    expiresAt: new Date(l.now.getTime() + l.lifetimeSeconds * 1000),
  });
  return { id: link.id, url: `${l.publicBaseUrl}/console/password#token=${secret}`, expiresAt: link.expiresAt };
}

/** npm start: a fresh one-time sign-in link for the bootstrap admin on each start; earlier unused ones stop working. */
export async function bootstrapSignInLink(
  db: DbOrTx,
  adminToken: string,
  settings: { publicBaseUrl: string; invitationLinkSeconds: number },
) {
  const admin = await findUserByToken(db, adminToken);
  if (!admin) throw new Error('the bootstrap admin token belongs to no active user');
  const link = await writePasswordLink(db, {
    userId: admin.id,
    purpose: 'invitation',
    lifetimeSeconds: settings.invitationLinkSeconds,
    publicBaseUrl: settings.publicBaseUrl,
    now: new Date(),
  });
  return { email: admin.email, url: link.url, expiresAt: link.expiresAt };
}
