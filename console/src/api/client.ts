import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapi';
import type { PendingPaths } from './pending-paths';
import { networkProblem, problemFrom } from './problem';

/** Paths from the generated OpenAPI types, and (until they merge) the contract's pending ones. */
export type ApiPaths = paths & Omit<PendingPaths, keyof paths>;

let csrfToken: string | undefined;

/** The session's anti-CSRF token, sent with every unsafe request (the API refuses cookie writes without it). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD', 'OPTIONS'].includes(request.method))
      request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

export const api = createClient<ApiPaths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

type Answer<D> = { data?: D; error?: unknown; response: Response };

/** The data of a successful answer; otherwise throws an ApiProblem carrying the problem's detail and field errors. */
export async function unwrap<D>(request: Promise<Answer<D>>): Promise<D> {
  let answer: Answer<D>;
  try {
    answer = await request;
  } catch (error) {
    throw networkProblem(error);
  }
  if (!answer.response.ok) throw problemFrom(answer.error, answer.response);
  return answer.data as D;
}
