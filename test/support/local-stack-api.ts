import type { LocalStack } from '../../scripts/local-stack';
import type { ApiStack } from './fixtures';

/**
 * The fixtures' view of a local stack (scripts/local-stack.ts), so a drill that owns its stack
 * builds its world with createWorld and activeContract. Responses are not checked against the
 * OpenAPI document here: the integration suite does that.
 */
export function localStackApi(stack: LocalStack): ApiStack {
  return {
    adminToken: stack.adminToken,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers,
        body: opts.body !== undefined ? JSON.stringify(opts.body) : opts.rawBody,
      });
      const contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        contentType,
        body: text && /json/.test(contentType) ? JSON.parse(text) : text,
      };
    },
  };
}
