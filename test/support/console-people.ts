import { randomBytes } from 'node:crypto';
import type { TestStack } from './stack';

/** A password of the length the console asks for (12–128 characters), different each run. */
export function newPassword(): string {
  return `pw-${randomBytes(9).toString('base64url')}`;
}

/** The secret of an invitation or reset link: it travels in the fragment, `…/console/password#token=<secret>`. */
export function tokenOfLink(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`no #token=… in the link ${link}`);
  return token;
}

/** The link as Chromium should open it: on the stack's localhost origin, path and fragment kept. */
export function inBrowser(stack: TestStack, link: string): string {
  const url = new URL(link);
  return `${stack.browserUrl}${url.pathname}${url.search}${url.hash}`;
}

/** `POST /users/{id}/invitation` by `token` (an admin's, or a regulator's of the user's region): the link it mails. */
export async function invite(stack: TestStack, token: string, userId: string): Promise<string> {
  const res = await stack.call('POST', `/users/${userId}/invitation`, { token });
  if (res.status !== 201) throw new Error(`invitation of ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.link;
}

/** Gives a user a password through the invitation link, as the password page would: returns the password. */
export async function withPassword(stack: TestStack, token: string, userId: string): Promise<string> {
  const password = newPassword();
  const link = await invite(stack, token, userId);
  const res = await stack.call('POST', '/password-links/redemption', { body: { token: tokenOfLink(link), password } });
  if (res.status !== 200) throw new Error(`password for ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
  return password;
}
