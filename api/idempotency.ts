import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { IdempotencyRecord, Keyed } from '../stores/fact-tables';
import { ProblemError } from './problem';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Keys sorted at every level, so the same body always hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request's Idempotency-Key with the digest of its validated body; undefined without the header. */
export function idempotencyOf(req: Request, body: unknown): IdempotencyRecord | undefined {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 200) {
    const message = `must be 1–200 characters, got ${key.length}`;
    throw new ProblemError('validation-failed', `headers.${IDEMPOTENCY_HEADER}: ${message}`, {
      errors: [{ path: `headers.${IDEMPOTENCY_HEADER}`, message }],
    });
  }
  return { key, requestSha256: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}

/** The record a retried request created the first time; the key may not be reused for another request. */
export function replayOf<T>(existing: Keyed<T>, idempotency: IdempotencyRecord): T {
  if (existing.requestSha256 !== idempotency.requestSha256) {
    throw new ProblemError(
      'idempotency-key-reused',
      `${IDEMPOTENCY_HEADER} "${idempotency.key}" was already used on this contract with a different request body; ` +
        'use a new key for a new record',
    );
  }
  return existing.record;
}

/** A replay answers 200, not the 201 of the create it repeats (read by the route layer, see respondWith). */
export function answerAsReplay(res: Response): void {
  res.locals.status = 200;
}
