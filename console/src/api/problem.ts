/** An RFC 9457 problem from the API (or a network failure, status 0), thrown by `unwrap`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
    /** Seconds from Retry-After, when the API sent one (e.g. a throttled sign-in). */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail || title);
  }

  /** The last segment of the problem type, e.g. `sign-in-throttled` for /problems/sign-in-throttled. */
  get code(): string {
    return this.type.split('/').pop() ?? this.type;
  }
}

function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function problemFrom(body: unknown, response: Response): ApiProblem {
  const p = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const errors = Array.isArray(p.errors)
    ? p.errors.filter((e): e is { path: string; message: string } => typeof e?.path === 'string')
    : [];
  return new ApiProblem(
    response.status,
    text(p.type, `/problems/http-${response.status}`),
    text(p.title, response.statusText),
    text(p.detail, typeof body === 'string' ? body : ''),
    errors,
    retryAfterOf(response),
  );
}

export const networkProblem = (error: unknown) =>
  new ApiProblem(0, '/problems/network', 'network', error instanceof Error ? error.message : String(error));
