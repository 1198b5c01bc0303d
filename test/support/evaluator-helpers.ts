import { randomUUID } from 'node:crypto';
import { countRows } from './db-counts';
import type { TestStack } from './stack';

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const evaluatorBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'On-site evaluator',
  email: `evaluator-${randomUUID().slice(0, 8)}@example.test`,
  role: 'evaluator',
  locale: 'zh-CN',
  ...overrides,
});

export async function created(res: { status: number; body: any }, what: string) {
  if (res.status !== 201) throw new Error(`${what}: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Helpers over the file's stack, which exists only once its beforeAll has run. */
export function evaluatorHelpers(stackOf: () => TestStack) {
  /** Everything the evaluator and subsidy endpoints could write, to prove a refused request wrote nothing. */
  async function writes() {
    const db = stackOf().db;
    return {
      organizations: await countRows(db, 'evaluator_organizations'),
      relations: await countRows(db, 'evaluator_relations'),
      users: await countRows(db, 'users'),
      tokens: await countRows(db, 'api_tokens'),
      audit: await countRows(db, 'audit_log'),
    };
  }

  async function expectProblem(
    request: () => Promise<{ status: number; contentType: string; body: any }>,
    status: number,
    type: string,
    detail?: RegExp,
  ) {
    const before = await writes();
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.type).toBe(`/problems/${type}`);
    if (detail) expect(res.body.detail).toMatch(detail);
    expect(await writes()).toEqual(before);
  }

  const newOrganization = async (
    token: string,
    regionCode: string,
    name = `第三方评估所 ${randomUUID().slice(0, 6)}`,
  ) =>
    created(
      await stackOf().call('POST', '/evaluator-organizations', { token, body: { regionCode, name } }),
      `organization ${name}`,
    );

  return { writes, expectProblem, newOrganization };
}
