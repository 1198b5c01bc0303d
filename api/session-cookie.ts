import type { Request, Response } from 'express';

/**
 * The session cookie (ASVS 3.4): `__Host-` binds it to this host over HTTPS with Path=/ and no
 * Domain; HttpOnly keeps it from scripts; SameSite=Lax keeps it off cross-site subrequests.
 */
export const SESSION_COOKIE = '__Host-carepact_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The first value of a cookie in the Cookie header (RFC 6265 §5.4: name=value pairs separated by "; "). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    return value.length > 0 && value.length <= 200 ? value : undefined;
  }
  return undefined;
}

export function setSessionCookie(res: Response, secret: string, maxAgeSeconds: number): void {
  res.append(
    'Set-Cookie',
    `${SESSION_COOKIE}=${secret}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Secure; HttpOnly; SameSite=Lax`,
  );
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`);
}
