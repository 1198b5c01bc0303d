import { insertSession } from '../../stores/session-store';
import { createEvaluatorOrg, scores } from '../support/evaluation-fixtures';
import { agreementTerms, contractBody, createParty, Party } from '../support/fixtures';
import { Order, submitEvidence, unqualifiedOrder } from '../support/rectification-fixtures';
import { ApiResponse, startStack, TestStack } from '../support/stack';

/**
 * Every operation of /openapi.json × every kind of caller, with real ids of one region's
 * records (home). Expectations come from each operation's declared roles and the scoping rule
 * (api/visibility.ts): no token → 401; a role the operation does not admit → 403; a caller of
 * another region → 403/404 problem, or a list without a trace of home; a caller of home → its
 * reads answer when the record is in its scope, 404 when not. Commands by callers who may
 * issue them are not sent (they would change the records the matrix reads).
 */
type Kind =
  | 'region'
  | 'institution'
  | 'organization'
  | 'contract'
  | 'cycle'
  | 'evaluation'
  | 'rectification'
  | 'user'
  | 'token'
  | 'task-filter';
type Role = 'admin' | 'regulator' | 'liaison' | 'party' | 'evaluator';
interface Caller {
  name: string;
  role?: Role;
  token?: string;
  /** What of home's records the caller may see. */
  sees: 'all' | Kind[];
  /** Outsiders are sent every command too: each must be refused. */
  outsider: boolean;
}
interface Operation {
  method: string;
  path: string;
  roles: Role[] | 'public';
}

let stack: TestStack;
let home: Order;
let away: Order;
let stranger: Party;
let unassigned: Awaited<ReturnType<typeof createEvaluatorOrg>>;
const ids: Record<string, string> = {};

/** The record an operation is about, named by the path segment before its first parameter. */
const kindBySegment: Record<string, Kind> = {
  regions: 'region',
  institutions: 'institution',
  'evaluator-organizations': 'organization',
  contracts: 'contract',
  'evaluation-cycles': 'cycle',
  evaluations: 'evaluation',
  rectifications: 'rectification',
  users: 'user',
  tokens: 'token',
  'task-filters': 'task-filter',
};

/** What a home caller who is not a regulator or admin may see (api/visibility.ts). */
const visibleTo: Record<'party' | 'liaison' | 'evaluator', Kind[]> = {
  party: ['region', 'institution', 'contract', 'evaluation', 'rectification', 'user'],
  liaison: ['region', 'institution', 'contract', 'evaluation', 'rectification', 'user'],
  evaluator: ['region', 'institution', 'organization', 'contract', 'evaluation'],
};

/**
 * The caller's own sessions: any signed-in caller may end its own (204, nothing of home's changes), and one
 * of another's is 404. GET /session describes a cookie session, which no caller here has: 401 for all.
 */
const ownSessions = new Set(['DELETE /me/sessions', 'DELETE /me/sessions/{id}', 'GET /me/sessions']);
const cookieOnly = new Set(['GET /session']);

const queries: Record<string, () => string> = {
  'GET /evaluations': () => `?cycleId=${ids.cycle}`,
  'GET /contracts/{id}/subsidy': () => '?year=2027',
};

/**
 * A well-formed body for every command, so that only scope and role
 * can refuse it. A new command fails the test until it has one.
 */
const bodies: Record<string, () => unknown> = {
  'POST /regions': () => ({ code: 'MATRIX-1', name: 'Matrix' }),
  'PUT /regions/{code}/policy': () => ({}),
  'POST /regions/{code}/agreement-templates': () => ({ terms: agreementTerms }),
  'PUT /institutions/{id}/committed-medical-staff': () => ({ committedMedicalStaff: 3 }),
  'POST /regions/{code}/policy/rollout': () => undefined,
  'PUT /regions/{code}/evaluation-schedule': () => undefined,
  'POST /regions/{code}/evaluation-schedule/pause': () => ({ note: 'matrix' }),
  'POST /regions/{code}/evaluation-schedule/resume': () => ({ note: 'matrix' }),
  'POST /institutions': () => ({
    kind: 'medical',
    regionCode: home.world.regionCode,
    name: 'Matrix hospital',
    medical: { level: 'primary', type: 'hospital' },
  }),
  'POST /institutions/{id}/reinstatement': () => ({ regionCode: home.world.regionCode, reason: 'matrix' }),
  'POST /users': () => ({
    name: 'Matrix',
    email: 'matrix@example.test',
    role: 'liaison',
    institutionId: home.world.care.institutionId,
  }),
  'POST /users/{id}/tokens': () => ({ label: 'matrix' }),
  'POST /users/{id}/deactivation': () => ({ reason: 'matrix' }),
  'DELETE /tokens/{id}': () => undefined,
  'POST /users/{id}/invitation': () => undefined,
  'POST /session': () => ({ email: 'matrix@example.test', password: 'not the password' }),
  'DELETE /session': () => undefined,
  'DELETE /me/sessions': () => undefined,
  'DELETE /me/sessions/{id}': () => undefined,
  'POST /password-resets': () => ({ email: 'matrix@example.test' }),
  'POST /password-links/inspection': () => ({ token: 'not-a-link-secret' }),
  'POST /password-links/redemption': () => ({ token: 'not-a-link-secret', password: 'a long enough passphrase' }),
  'POST /contracts': () => contractBody(home.world),
  'POST /contracts/{id}/signatures': () => undefined,
  'POST /contracts/{id}/termination': () => ({ reason: 'matrix' }),
  'POST /contracts/{id}/renewal': () => ({ termEnd: '2031-12-31' }),
  'POST /contracts/{id}/approval': () => ({ decision: 'return', reasons: 'matrix' }),
  'POST /contracts/{id}/renewal-proposals': () => ({ termEnd: '2031-12-31' }),
  'POST /contracts/{id}/renewal-proposals/{proposalId}/countersign': () => undefined,
  'POST /contracts/{id}/renewal-proposals/{proposalId}/decline': () => ({ reason: 'matrix' }),
  'POST /contracts/{id}/visits': () => ({
    visitDate: '2027-01-05',
    staff: [{ name: 'Dr Li', title: '主治医师' }],
    services: ['check-up'],
    residentsSeen: 3,
    chronicDiseaseReexams: 1,
    hours: 2,
  }),
  'POST /contracts/{id}/meetings': () => ({
    meetingDate: '2027-01-05',
    attendees: [
      { name: 'A', side: 'medical' },
      { name: 'B', side: 'care' },
    ],
    minutes: 'matrix',
  }),
  'POST /contracts/{id}/action-items/{itemId}/completion': () => undefined,
  'POST /contracts/{id}/surveys': () => ({ surveyDate: '2027-01-05', respondents: 10, summary: 'matrix', needs: [] }),
  'POST /contracts/{id}/health-talks': () => ({ talkDate: '2027-01-05', topic: 'matrix', attendees: 10 }),
  'POST /contracts/{id}/requests': () => ({ subject: 'matrix', body: 'matrix' }),
  'POST /contracts/{id}/requests/{rid}/answer': () => ({ answer: 'matrix' }),
  'POST /contracts/{id}/referrals': () => ({
    residentRef: 'R-1',
    reason: 'matrix',
    requestedAt: '2027-01-05T09:00:00+08:00',
    respondedAt: '2027-01-05T09:10:00+08:00',
  }),
  'POST /evaluation-cycles': () => ({ regionCode: home.world.regionCode, half: '2027-H1' }),
  'POST /evaluations/{id}/scores': () => scores(90),
  'POST /evaluator-organizations': () => ({ regionCode: home.world.regionCode, name: 'Matrix evaluators' }),
  'POST /evaluator-organizations/{id}/relations': () => ({
    institutionId: home.world.medical.institutionId,
    relation: 'matrix',
  }),
  'POST /rectifications/{id}/evidence': () => ({}),
  'POST /rectifications/{id}/reviews': () => ({
    submissionId: ids.submission,
    decision: 'accepted',
    reasons: 'matrix',
  }),
  'POST /rectifications/{id}/extension': () => ({ reason: 'matrix' }),
  'POST /rectifications/{id}/findings/{findingId}/plan': () => ({
    affected: 'matrix',
    changes: 'matrix',
    responsible: 'matrix',
    monitoring: 'matrix',
    completionDate: '2027-01-05',
  }),
  'POST /rectifications/{id}/findings/{findingId}/review': () => ({
    submissionId: ids.submission,
    decision: 'accepted',
    reasons: 'matrix',
  }),
  'POST /contracts/{id}/rectification-orders': () => ({
    findings: [{ indicator: 'matrix', problem: 'matrix', requiredCorrection: 'matrix', responsibleSide: 'both' }],
    legalBasis: 'matrix',
    reason: 'matrix',
  }),
  'POST /rectifications/{id}/revocation-decision': () => ({ decision: 'withdraw', reasons: 'matrix' }),
  'POST /rectifications/{id}/representations': () => ({}),
  'POST /rectifications/{id}/representations/waiver': () => undefined,
  'POST /me/task-filters': () => ({ name: 'matrix', filter: { kinds: ['visit'] }, shared: true }),
  'DELETE /me/task-filters/{id}': () => undefined,
};

beforeAll(async () => {
  stack = await startStack();
  // Real time (no compression): the orders must still await evidence when the matrix submits some,
  // however long a loaded machine takes to set up two regions.
  const realTime = { timeScale: 1 };
  [home, away] = await Promise.all([unqualifiedOrder(stack, realTime), unqualifiedOrder(stack, realTime)]);
  // Of home's region, but neither a party to its contract nor assigned to evaluate it.
  stranger = await createParty(
    stack,
    home.world.regulatorToken,
    home.world.regionCode,
    'medical',
    `Unrelated clinic ${home.world.regionCode}`,
    'en',
  );
  unassigned = await createEvaluatorOrg(stack, home.world, 'Unassigned evaluators');
  const receipt = await submitEvidence(stack, home.world.care.partyToken, home.rectificationId);
  if (receipt.status !== 201) throw new Error(`evidence: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  const request = await stack.call('POST', `/contracts/${home.contractId}/requests`, {
    token: home.world.medical.partyToken,
    body: { subject: 'Visit schedule', body: 'Please confirm' },
  });
  if (request.status !== 201) throw new Error(`request: ${request.status} ${JSON.stringify(request.body)}`);
  const template = await stack.call('POST', `/regions/${home.world.regionCode}/agreement-templates`, {
    token: home.world.regulatorToken,
    body: { terms: agreementTerms },
  });
  if (template.status !== 201) throw new Error(`template: ${template.status} ${JSON.stringify(template.body)}`);
  const schedule = await stack.call('PUT', `/regions/${home.world.regionCode}/evaluation-schedule`, {
    token: home.world.regulatorToken,
  });
  if (schedule.status !== 200) throw new Error(`schedule: ${schedule.status} ${JSON.stringify(schedule.body)}`);
  Object.assign(ids, {
    code: home.world.regionCode,
    region: home.world.regionCode,
    institution: home.world.care.institutionId,
    organization: home.org.id,
    contract: home.contractId,
    cycle: (await stack.db('evaluation_cycles').where({ region_code: home.world.regionCode }).first()).id,
    evaluation: (await stack.db('evaluations').where({ contract_id: home.contractId }).first()).id,
    rectification: home.rectificationId,
    user: home.world.care.liaisonId,
    token: (await stack.db('api_tokens').where({ user_id: home.world.care.liaisonId }).first()).id,
    rid: request.body.id,
    version: String(template.body.version),
    itemId: '00000000-0000-4000-8000-000000000001',
    proposalId: '00000000-0000-4000-8000-000000000002',
    sha256: receipt.body.files[0].sha256,
    submission: receipt.body.submissionId,
    findingId: 'F1',
    // A session of home's liaison: everyone else's DELETE /me/sessions/{id} must miss it.
    session: (
      await insertSession(stack.db, {
        userId: home.world.care.liaisonId,
        secret: 'matrix-session-secret',
        csrfToken: 'matrix',
        now: new Date(),
        absoluteExpiresAt: new Date(Date.now() + 3_600_000),
      })
    ).id,
    'task-filter': (
      await stack.call('POST', '/me/task-filters', {
        token: home.world.care.liaisonToken,
        body: { name: 'home filter', filter: { states: ['overdue'] }, shared: true },
      })
    ).body.id,
  });
});
afterAll(async () => {
  await stack?.temporal.schedule
    .getHandle(`evaluation-schedule-${home?.world.regionCode}`)
    .delete()
    .catch(() => undefined);
  await stack?.stop();
});

function operationsOf(document: {
  paths: Record<string, Record<string, { description?: string; security?: unknown[] }>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      if (Array.isArray(op.security) && op.security.length === 0)
        return { method: method.toUpperCase(), path, roles: 'public' as const };
      const declared = /Roles: ([a-z]+(?:, [a-z]+)*)/.exec(op.description ?? '');
      if (!declared) throw new Error(`${method.toUpperCase()} ${path} declares no roles in its OpenAPI description`);
      return { method: method.toUpperCase(), path, roles: declared[1]!.split(', ') as Role[] };
    }),
  );
}

function kindOf(op: Operation): Kind | undefined {
  // The caller's own sessions have no record kind; its other records (/me/…) are named by the segment after /me.
  if (op.path.startsWith('/me/sessions')) return undefined;
  const match = /^(?:\/me)?\/([a-z-]+)\/\{/.exec(op.path);
  if (!match) return undefined;
  const kind = kindBySegment[match[1]!];
  if (!kind) throw new Error(`${op.method} ${op.path}: no record kind for /${match[1]}/{…}; add it to kindBySegment`);
  return kind;
}

function urlOf(op: Operation): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = name === 'id' ? ids[kindOf(op) ?? 'session'] : ids[name];
    if (!value) throw new Error(`${op.method} ${op.path}: no real id for {${name}}`);
    return value;
  });
  return path + (queries[`${op.method} ${op.path}`]?.() ?? '');
}

/** What an outsider may never read: ids of home's records it does not see in an answer, their names anywhere. */
function leaks(res: ApiResponse, caller: Caller): string[] {
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  const seesRegion = caller.sees !== 'all' && caller.sees.includes('region');
  const names = [
    `Central Hospital ${home.world.regionCode}`,
    `幸福养老院 ${home.world.regionCode}`,
    ...(seesRegion ? [] : [`测试区 ${home.world.regionCode}`]),
  ];
  const hidden = Object.entries(ids)
    // A template's version number is no secret (and, being "1", would match any text).
    .filter(([name]) => name !== 'version' && !(seesRegion && (name === 'region' || name === 'code')))
    .map(([, id]) => id);
  const secrets = res.status < 300 ? [...names, ...hidden] : names;
  return secrets.filter((secret) => text.includes(secret));
}

const isProblem = (res: ApiResponse) =>
  res.contentType.startsWith('application/problem+json') && typeof res.body?.type === 'string';

it('every operation × every caller: 401 without a token, 403 for a role not admitted, nothing of another region, and home reads in scope', async () => {
  const started = Date.now();
  const document = (await stack.call('GET', '/openapi.json')).body;
  const operations = operationsOf(document);
  const callers: Caller[] = [
    { name: 'admin', role: 'admin', token: stack.adminToken, sees: 'all', outsider: false },
    { name: 'regulator', role: 'regulator', token: home.world.regulatorToken, sees: 'all', outsider: false },
    {
      name: 'regulator of another region',
      role: 'regulator',
      token: away.world.regulatorToken,
      sees: [],
      outsider: true,
    },
    { name: 'party', role: 'party', token: home.world.care.partyToken, sees: visibleTo.party, outsider: false },
    { name: 'party of another region', role: 'party', token: away.world.care.partyToken, sees: [], outsider: true },
    {
      name: 'party of an unrelated home institution',
      role: 'party',
      token: stranger.partyToken,
      sees: ['region'],
      outsider: true,
    },
    { name: 'liaison', role: 'liaison', token: home.world.care.liaisonToken, sees: visibleTo.liaison, outsider: false },
    {
      name: 'liaison of another region',
      role: 'liaison',
      token: away.world.care.liaisonToken,
      sees: [],
      outsider: true,
    },
    {
      name: 'liaison of an unrelated home institution',
      role: 'liaison',
      token: stranger.liaisonToken,
      sees: ['region'],
      outsider: true,
    },
    {
      name: 'assigned evaluator',
      role: 'evaluator',
      token: home.org.token,
      sees: visibleTo.evaluator,
      outsider: false,
    },
    { name: 'evaluator of another region', role: 'evaluator', token: away.org.token, sees: [], outsider: true },
    {
      name: 'evaluator of an unassigned home organization',
      role: 'evaluator',
      token: unassigned.token,
      sees: ['region'],
      outsider: true,
    },
    { name: 'no token', sees: [], outsider: true },
  ];
  const failures: string[] = [];
  let tried = 0;
  let skipped = 0;
  for (const op of operations) {
    const key = `${op.method} ${op.path}`;
    const command = op.method !== 'GET';
    if (command && !(key in bodies)) {
      failures.push(`${key}: no body in the matrix's table; add a well-formed one`);
      continue;
    }
    const kind = kindOf(op);
    for (const caller of callers) {
      const admitted = op.roles === 'public' || (caller.role !== undefined && op.roles.includes(caller.role));
      // A command its caller may issue on home's records would change them: not sent.
      if (command && admitted && !caller.outsider) {
        skipped++;
        continue;
      }
      const res = await stack.call(op.method, urlOf(op), {
        token: caller.token,
        ...(command && bodies[key]!() !== undefined ? { body: bodies[key]!() } : {}),
      });
      tried++;
      const fail = (why: string) =>
        failures.push(`${key} as ${caller.name}: ${why}; got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      if (op.roles === 'public') {
        // A sign-in with a wrong password is refused by design, alike for everyone.
        const signInRefused =
          key === 'POST /session' &&
          ['/problems/sign-in-failed', '/problems/sign-in-throttled'].includes(res.body?.type);
        if ((res.status === 401 || res.status === 403) && !signInRefused) fail('a public operation refused');
        continue;
      }
      if (cookieOnly.has(key)) {
        if (res.status !== 401) fail('expected 401: no caller here has a cookie session');
        continue;
      }
      if (ownSessions.has(key) && caller.token) {
        const own = key === 'DELETE /me/sessions/{id}' ? [404] : [200, 204];
        if (!own.includes(res.status)) fail(`expected ${own.join(' or ')} for the caller's own sessions`);
        continue;
      }
      if (res.status >= 400 && !isProblem(res)) fail('a refusal that is not problem+json');
      if (!caller.token) {
        if (res.status !== 401) fail('expected 401');
      } else if (!admitted) {
        if (res.status !== 403) fail(`expected 403: roles ${op.roles.join(', ')}`);
      } else if (caller.outsider) {
        const leaked = leaks(res, caller);
        if (leaked.length > 0) fail(`sees home's ${leaked.join(', ')}`);
        const seen = kind !== undefined && caller.sees.includes(kind);
        const refused = res.status === 403 || res.status === 404;
        if (kind && !seen && !refused) fail(`expected 404 (or 403) for a ${kind} it does not see`);
        if (kind && seen && !command && !refused && (res.status < 200 || res.status >= 300))
          fail(`expected 2xx or 403 for a ${kind} it sees`);
        // Saving a filter of one's own touches nothing of home's.
        const ownRecord = op.path.startsWith('/me/') && op.method === 'POST';
        if (command && !refused && !ownRecord) fail('expected 403 or 404 for a command on records it may not change');
        // A list is filtered; one whose query names a home record (a cycle) may instead answer 404 for it.
        if (!kind && !command && res.status >= 300 && !(key in queries && res.status === 404))
          fail('a list is filtered, never refused');
      } else {
        const sees = !kind || caller.sees === 'all' || caller.sees.includes(kind);
        if (!sees && res.status !== 404) fail(`expected 404: a ${caller.role} does not see this ${kind}`);
        if (sees && (caller.role === 'admin' || caller.role === 'regulator') && (res.status < 200 || res.status >= 300))
          fail('expected 2xx for a read in scope');
        if (sees && res.status !== 403 && (res.status < 200 || res.status >= 300))
          fail('expected 2xx (or 403 for what its role may not do) for a read in scope');
      }
    }
  }
  console.log(
    `authorization matrix: ${operations.length} operations × ${callers.length} callers; ` +
      `${tried} requests tried, ${skipped} commands by entitled home callers not sent; ${Date.now() - started} ms`,
  );
  expect(failures).toEqual([]);
  expect(tried).toBeGreaterThan(operations.length * 7);
});
