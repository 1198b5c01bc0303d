import { ProblemError } from './problem';

/** What Express's body parser and router throw for a request they cannot read (http-errors). */
interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  limit?: number;
  charset?: string;
}

/**
 * The caller's mistake behind an error Express raised before any route ran: unreadable JSON, a
 * body too large, an encoding or charset it cannot decode, a path that is not UTF-8 once
 * percent-decoded. Undefined for anything else, which stays a server fault.
 */
export function problemFromHttpError(error: unknown): ProblemError | undefined {
  const e = (error ?? {}) as HttpError;
  const status = e.status ?? e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (e.type === 'entity.parse.failed')
    return new ProblemError('malformed-json', `the body is not a JSON object or array: ${e.message}`);
  if (status === 413)
    return new ProblemError(
      'request-too-large',
      e.limit ? `the request body is larger than ${e.limit} bytes` : String(e.message),
    );
  if (status === 415)
    return new ProblemError(
      'unsupported-media-type',
      `${e.message}; send application/json in UTF-8, uncompressed or gzip, deflate or br`,
    );
  if (error instanceof URIError)
    return new ProblemError('validation-failed', `params: ${e.message}: not UTF-8 once percent-decoded`, {
      errors: [{ path: 'params', message: 'not UTF-8 once percent-decoded' }],
    });
  return new ProblemError('validation-failed', String(e.message ?? 'the request cannot be read'));
}
