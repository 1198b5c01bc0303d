import { isGrpcServiceError } from '@temporalio/client';
import knex from 'knex';
import { DatabaseError } from 'pg';
import type { Db } from '../platform/db';

// Outages are recognised by class and code, never by message text: messages change between
// library versions and languages, codes are part of each protocol.

/** gRPC status codes (grpc.io status-codes guide): the same numbers in every gRPC library. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * SQLSTATEs (PostgreSQL appendix A) meaning the server cannot serve us now; class 08 is connection exceptions.
 * Here: admin/crash shutdown, cannot connect now, too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node's codes for a network peer that cannot be reached. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

type ErrorLike = Error & { code?: unknown; errors?: unknown[] };

/**
 * Duck-typed: errors raised by Node itself may come from another realm (a vm context), where instanceof Error fails.
 */
const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as Error).message === 'string';

/** The error, its causes and, for an AggregateError (a connect tried on several addresses), its members. */
function* chainOf(error: unknown, depth = 0): Generator<ErrorLike> {
  if (!isErrorLike(error) || depth > 8) return;
  const e = error;
  yield e;
  if (Array.isArray(e.errors)) for (const member of e.errors) yield* chainOf(member, depth + 1);
  yield* chainOf(e.cause, depth + 1);
}

/** Temporal did not answer: the client's ServiceError (or a gRPC error) carries UNAVAILABLE or DEADLINE_EXCEEDED. */
export function isWorkflowEngineUnavailable(error: unknown): boolean {
  for (const e of chainOf(error)) {
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

/**
 * Recognises a PostgreSQL outage. pg reports a dropped connection ("terminated unexpectedly") as a
 * plain Error with no code, so the database's own query errors are watched: a plain Error without
 * SQLSTATE from the driver is the connection failing, not the query.
 */
export function watchDatabaseErrors(db: Db): (error: unknown) => boolean {
  const connectionLost = new WeakSet<object>();
  db.on('query-error', (error: unknown) => {
    if (isErrorLike(error) && error.name === 'Error' && error.code === undefined) connectionLost.add(error);
  });
  return (error) => {
    for (const e of chainOf(error)) {
      if (e instanceof knex.KnexTimeoutError) return true; // no pooled connection within acquireConnectionTimeout
      if (e instanceof DatabaseError) {
        const code = String(e.code ?? '');
        if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code)) return true;
        continue;
      }
      // Temporal's transport errors arrive wrapped with numeric gRPC codes, so a bare network error is the database's.
      if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) return true;
      if (connectionLost.has(e)) return true;
    }
    return false;
  };
}
