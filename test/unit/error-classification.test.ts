import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import express from 'express';
import knex from 'knex';
import { DatabaseError } from 'pg';
import { isWorkflowEngineUnavailable, watchDatabaseErrors } from '../../api/dependency-errors';
import { createErrorHandler } from '../../api/error-handler';
import { ProblemError } from '../../api/problem';
import { problemFromWorkflowError } from '../../api/workflow-errors';
import { createDb } from '../../platform/db';
import { createLogger } from '../../platform/logger';

// No server is contacted: the knex instance only lends its event emitter, errors are built by hand.
const db = createDb('postgres://nobody@127.0.0.1:1/none');
afterAll(() => db.destroy());

const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const systemError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const sqlError = (code: string) =>
  Object.assign(new DatabaseError('terminating connection due to administrator command', 100, 'error'), { code });

describe('Temporal outages, by gRPC status code', () => {
  it('recognises UNAVAILABLE and DEADLINE_EXCEEDED in the client error or its cause', () => {
    expect(
      isWorkflowEngineUnavailable(
        new ServiceError('Failed to start Workflow', { cause: grpcError(14, 'No connection established') }),
      ),
    ).toBe(true);
    expect(isWorkflowEngineUnavailable(grpcError(4, 'Deadline exceeded'))).toBe(true);
  });

  it('ignores other codes and messages that merely look like an outage', () => {
    expect(isWorkflowEngineUnavailable(new ServiceError('x', { cause: grpcError(3, 'INVALID_ARGUMENT') }))).toBe(false);
    expect(
      isWorkflowEngineUnavailable(new Error('14 UNAVAILABLE: failed to connect ECONNREFUSED DEADLINE_EXCEEDED')),
    ).toBe(false);
  });
});

describe('PostgreSQL outages, by class and code', () => {
  const isDatabaseUnavailable = watchDatabaseErrors(db);

  it('recognises refused connections, SQLSTATE class 08 and 57P01–57P03, and pool timeouts', () => {
    expect(isDatabaseUnavailable(systemError('ECONNREFUSED'))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new AggregateError([systemError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    for (const code of ['08006', '08001', '57P01', '57P02', '57P03'])
      expect(isDatabaseUnavailable(sqlError(code))).toBe(true);
    expect(isDatabaseUnavailable(new knex.KnexTimeoutError('Knex: Timeout acquiring a connection'))).toBe(true);
  });

  it("recognises Node's own errors, which may come from another realm than the code's Error class", () => {
    const foreign = vm.runInNewContext("Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })");
    expect(foreign instanceof Error).toBe(false);
    expect(isDatabaseUnavailable(foreign)).toBe(true);
  });

  it("counts a code-less driver error as a lost connection only when the database's own query reported it", () => {
    const terminated = new Error('Connection terminated unexpectedly');
    expect(isDatabaseUnavailable(terminated)).toBe(false);
    db.emit('query-error', terminated, {});
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    const typeError = new TypeError('bad binding');
    db.emit('query-error', typeError, {});
    expect(isDatabaseUnavailable(typeError)).toBe(false);
  });

  it('leaves query errors and look-alike messages alone', () => {
    expect(isDatabaseUnavailable(sqlError('23505'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
  });
});

describe('workflow refusals, by Temporal error class', () => {
  it('maps a completed workflow to contract-closed, a validator refusal to its slug, anything else to nothing', () => {
    expect(
      problemFromWorkflowError(
        new WorkflowNotFoundError('workflow execution already completed', 'contract-1', undefined),
        'closed',
      )?.type,
    ).toBe('contract-closed');
    const outlived = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({
        type: 'AcceptedUpdateCompletedWorkflow',
        message: 'completed before the Update completed',
        nonRetryable: true,
      }),
    );
    expect(problemFromWorkflowError(outlived, 'closed')?.type).toBe('contract-closed');
    const refused = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'already-signed', message: 'signed twice', nonRetryable: true }),
    );
    expect(problemFromWorkflowError(refused, 'closed')).toMatchObject({
      type: 'already-signed',
      detail: 'signed twice',
    });
    expect(problemFromWorkflowError(new Error('workflow execution already completed'), 'closed')).toBeUndefined();
  });
});

describe('the error middleware', () => {
  const app = express();
  const thrown: Record<string, unknown> = {
    problem: new ProblemError('conflict', 'exists'),
    temporal: new ServiceError('Failed to start Workflow', { cause: grpcError(14, 'No connection established') }),
    database: systemError('ECONNREFUSED'),
    bug: new Error('ECONNREFUSED in a message is not an outage'),
  };
  app.get('/throw/:kind', (req) => {
    throw thrown[req.params.kind];
  });
  app.get('/late', (_req, res) => {
    res.status(200).write('partial');
    throw new Error('after the headers');
  });
  app.use(createErrorHandler({ db, logger: createLogger('silent') }));
  let baseUrl: string;
  let server: ReturnType<typeof app.listen>;
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers each class with its problem', async () => {
    const expected: Record<string, [number, string]> = {
      problem: [409, '/problems/conflict'],
      temporal: [503, '/problems/workflow-unavailable'],
      database: [503, '/problems/database-unavailable'],
      bug: [500, '/problems/internal'],
    };
    for (const [kind, [status, type]] of Object.entries(expected)) {
      const res = await fetch(`${baseUrl}/throw/${kind}`);
      expect([kind, res.status, res.headers.get('content-type')]).toEqual([
        kind,
        status,
        expect.stringMatching(/application\/problem\+json/),
      ]);
      expect(((await res.json()) as { type: string }).type).toBe(type);
    }
  });

  it('does not try to answer twice once headers are sent', async () => {
    const res = await fetch(`${baseUrl}/late`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});
