import type { ApiResponse, TestStack } from './stack';

export const SESSION_COOKIE = '__Host-carepact_session';

/** A browser's view of one signed-in person: its session cookie and CSRF token, sent as the console would. */
export interface Browser {
  cookie?: string;
  csrfToken?: string;
}

/** The session cookie's value and attributes from a response's Set-Cookie, if it sets one. */
export function sessionCookieOf(res: ApiResponse): { value: string; attributes: string[] } | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(';').map((p) => p.trim());
  return { value: pair!.slice(SESSION_COOKIE.length + 1), attributes };
}

export function tokenOfLink(link: string): string {
  const match = /#token=([A-Za-z0-9_-]+)$/.exec(link);
  if (!match) throw new Error(`not a password link: ${link}`);
  return match[1]!;
}

export function sessionHelpers(stack: TestStack) {
  /** Sends a request as the browser: its cookie, and its CSRF token unless `csrf` says otherwise. */
  async function send(
    browser: Browser,
    method: string,
    path: string,
    opts: { body?: unknown; csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (browser.cookie) headers.cookie = `${SESSION_COOKIE}=${browser.cookie}`;
    const csrf = opts.csrf === undefined ? browser.csrfToken : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    return stack.call(method, path, { body: opts.body, headers });
  }

  async function signIn(email: string, password: string, planted?: string) {
    const res = await send({ cookie: planted }, 'POST', '/session', { body: { email, password } });
    const cookie = sessionCookieOf(res);
    const browser: Browser = { cookie: cookie?.value, csrfToken: res.body?.csrfToken };
    return { res, browser, cookie };
  }

  /** A new user's password, set through the invitation link an admin asks for. */
  async function setPassword(userId: string, password: string): Promise<string> {
    const invited = await stack.call('POST', `/users/${userId}/invitation`, { token: stack.adminToken });
    if (invited.status !== 201) throw new Error(`invitation: ${invited.status} ${JSON.stringify(invited.body)}`);
    const token = tokenOfLink(invited.body.link);
    const set = await stack.call('POST', '/password-links/redemption', { body: { token, password } });
    if (set.status !== 200) throw new Error(`redemption: ${set.status} ${JSON.stringify(set.body)}`);
    return set.body.email;
  }

  /** A new admin with a password, signed in nowhere yet. */
  async function createPerson(role: 'admin' = 'admin', locale: 'zh-CN' | 'en' = 'en') {
    const email = `person-${Math.random().toString(36).slice(2, 10)}@example.test`;
    const created = await stack.call('POST', '/users', {
      token: stack.adminToken,
      body: { name: `Person ${email}`, email, role, locale },
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    return { id: created.body.user.id as string, email, token: created.body.token as string };
  }

  return { send, signIn, setPassword, createPerson };
}
