import { contractWorkflowId } from '../../messages/contract-messages';
import { contractDraftingCount, countRows } from '../support/db-counts';
import { activeContract, contractBody, createWorld, draftContract, eventually, World } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => stack?.stop());

describe('signing a contract', () => {
  const sign = (contractId: string, token: string) =>
    stack.call('POST', `/contracts/${contractId}/signatures`, { token });

  it('drafts a contract and starts its workflow', async () => {
    const contract = await draftContract(stack, world);
    expect(contract).toMatchObject({
      status: 'draft',
      regionCode: world.regionCode,
      workflowId: `contract-${contract.id}`,
      signatures: [],
      policyVersion: 1,
    });
    const description = await stack.temporal.workflow.getHandle(contractWorkflowId(contract.id)).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('records the first signature and stays a draft', async () => {
    const contract = await draftContract(stack, world);
    const res = await sign(contract.id, world.medical.partyToken);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.signatures).toEqual([
      expect.objectContaining({ side: 'medical', institutionId: world.medical.institutionId }),
    ]);
  });

  it('becomes active on the second signature: in the API, in Postgres and in Temporal visibility', async () => {
    // A region of its own, so the visibility query and the mails find this contract alone.
    const own = await createWorld(stack);
    const contractId = (await draftContract(stack, own)).id;
    expect((await sign(contractId, own.medical.partyToken)).status).toBe(201);
    const res = await sign(contractId, own.care.liaisonToken);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('active');

    const fetched = await stack.call('GET', `/contracts/${contractId}`, { token: own.regulatorToken });
    expect(fetched.body).toMatchObject({ status: 'active', signatures: [{ side: 'medical' }, { side: 'care' }] });
    expect(fetched.body.activatedAt).toEqual(expect.any(String));

    const row = await stack.db('contracts').where({ id: contractId }).first();
    expect(row.status).toBe('active');
    expect(await countRows(stack.db, 'contract_signatures', { contract_id: contractId })).toBe(2);

    const query = `CarePactRegion = "${own.regionCode}" AND CarePactStatus = "active"`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of stack.temporal.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length > 0 && ids;
    }, 'the workflow to be listed as active');
    expect(found).toEqual([contractWorkflowId(contractId)]);

    const liaisons = [own.medical.liaisonEmail, own.care.liaisonEmail];
    const mails = await stack.mail.waitFor(
      (m) => m.headers['x-carepact-template'] === 'contract-activated' && liaisons.includes(m.envelopeTo[0]!),
      { count: 2 },
    );
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([...liaisons].sort());
    expect(mails.find((m) => m.envelopeTo[0] === own.care.liaisonEmail)!.subject).toContain('合作协议已生效');
    expect(mails.find((m) => m.envelopeTo[0] === own.medical.liaisonEmail)!.subject).toContain('Contract now active');

    await recordHistory(stack, contractWorkflowId(contractId), 'contract-signed-active');
  });

  it('refuses a third signature with 409 and writes nothing', async () => {
    const contract = await activeContract(stack, world);
    const before = await contractDraftingCount(stack.db);
    const res = await sign(contract.id, world.medical.liaisonToken);
    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/already-signed', status: 409 });
    expect(res.body.detail).toMatch(/medical party has already signed/);
    expect(await contractDraftingCount(stack.db)).toEqual(before);
  });

  it("hides the contract from another institution's token", async () => {
    const contract = await draftContract(stack, world);
    const outsider = await createWorld(stack);
    const res = await sign(contract.id, outsider.care.partyToken);
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('/problems/not-found');
  });

  it('lists the audit trail of every step', async () => {
    const contract = await activeContract(stack, world);
    const res = await stack.call('GET', `/contracts/${contract.id}/audit`, { token: world.regulatorToken });
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'contract.drafted',
      'contract.signed',
      'contract.signed',
      'contract.active',
    ]);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, () => { token: string; body: unknown }, number, string, RegExp][] = [
    [
      'missing fields',
      () => ({ token: world.regulatorToken, body: { medicalInstitutionId: world.medical.institutionId } }),
      400,
      'validation-failed',
      /careInstitutionId/,
    ],
    [
      'wrong types',
      () => ({
        token: world.regulatorToken,
        body: contractBody(world, {
          termStart: 20270101,
          terms: { ...contractBody(world).terms, visitFrequency: 'monthly' },
        }),
      }),
      400,
      'validation-failed',
      /termStart.*visitFrequency|visitFrequency.*termStart/s,
    ],
    [
      'term end before start',
      () => ({ token: world.regulatorToken, body: contractBody(world, { termEnd: '2026-01-01' }) }),
      400,
      'validation-failed',
      /termEnd must be after termStart/,
    ],
    [
      'unknown institution',
      () => ({
        token: world.regulatorToken,
        body: contractBody(world, { medicalInstitutionId: '00000000-0000-4000-8000-000000000000' }),
      }),
      422,
      'unknown-reference',
      /medicalInstitutionId: no institution/,
    ],
    [
      'institution of the wrong kind',
      () => ({
        token: world.regulatorToken,
        body: contractBody(world, { medicalInstitutionId: world.care.institutionId }),
      }),
      422,
      'invalid-reference',
      /is elderly_care, not medical/,
    ],
    [
      'liaison of the other side',
      () => ({
        token: world.regulatorToken,
        body: contractBody(world, { medicalLiaisonUserId: world.care.liaisonId }),
      }),
      422,
      'invalid-reference',
      /not a liaison officer/,
    ],
    [
      'a liaison may not draft',
      () => ({ token: world.care.liaisonToken, body: contractBody(world) }),
      403,
      'forbidden',
      /role liaison/,
    ],
    ['no token', () => ({ token: '', body: contractBody(world) }), 401, 'unauthenticated', /bearer token/],
    [
      'unknown token',
      () => ({ token: 'cp_not-a-real-token', body: contractBody(world) }),
      401,
      'unauthenticated',
      /unknown or revoked/,
    ],
  ];

  it.each(cases)('%s → problem+json', async (_name, request, status, type, detail) => {
    const before = await contractDraftingCount(stack.db);
    const { token, body } = request();
    const res = await stack.call('POST', '/contracts', { token: token || undefined, body });
    expect(res.status).toBe(status);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.type).toBe(`/problems/${type}`);
    expect(res.body.detail).toMatch(detail);
    expect(await contractDraftingCount(stack.db)).toEqual(before);
  });

  it('malformed JSON → 400 problem', async () => {
    const res = await stack.call('POST', '/contracts', {
      token: world.regulatorToken,
      rawBody: '{"medicalInstitutionId":',
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/malformed-json');
  });

  it('a contract id that is not a uuid → 400, an unknown one → 404', async () => {
    expect((await stack.call('GET', '/contracts/42', { token: world.regulatorToken })).body.type).toBe(
      '/problems/validation-failed',
    );
    expect(
      (await stack.call('GET', '/contracts/00000000-0000-4000-8000-000000000000', { token: world.regulatorToken }))
        .status,
    ).toBe(404);
  });
});

describe('termination', () => {
  it('terminates with a reason, mails everyone, and refuses a second termination', async () => {
    const contract = await draftContract(stack, world);
    const empty = await stack.call('POST', `/contracts/${contract.id}/termination`, {
      token: world.care.partyToken,
      body: { reason: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toMatch(/reason/);

    const res = await stack.call('POST', `/contracts/${contract.id}/termination`, {
      token: world.care.partyToken,
      body: { reason: 'The home is closing for renovation' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('terminated');
    const row = await stack.db('contracts').where({ id: contract.id }).first();
    expect(row).toMatchObject({ status: 'terminated', close_reason: 'The home is closing for renovation' });
    const mails = await stack.mail.waitFor(
      (m) => m.headers['x-carepact-template'] === 'contract-terminated' && m.text!.includes('renovation'),
      { count: 3 },
    );
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(
      [world.medical.liaisonEmail, world.care.liaisonEmail, world.regulatorEmail].sort(),
    );

    const again = await stack.call('POST', `/contracts/${contract.id}/termination`, {
      token: world.regulatorToken,
      body: { reason: 'again' },
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/contract-closed');

    await recordHistory(stack, contractWorkflowId(contract.id), 'contract-draft-terminated');
  });
});

describe('the API surface', () => {
  it('serves an OpenAPI document built from the same schemas', async () => {
    const res = await stack.call('GET', '/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/regions',
        '/institutions',
        '/contracts',
        '/contracts/{id}',
        '/contracts/{id}/signatures',
        '/contracts/{id}/termination',
        '/health',
      ]),
    );
    expect(res.body.components.schemas.CreateContract.required).toEqual(
      expect.arrayContaining(['medicalInstitutionId', 'termEnd']),
    );
    // terms may be left out when templateVersion names the agreement template they come from.
    expect(Object.keys(res.body.components.schemas.CreateContract.properties)).toEqual(
      expect.arrayContaining(['terms', 'templateVersion']),
    );
  });

  it('reports database, Temporal and SMTP up on /health', async () => {
    const res = await stack.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'up',
      checks: { database: { status: 'up' }, temporal: { status: 'up' }, smtp: { status: 'up' } },
    });
  });

  it('keeps the audit log append-only', async () => {
    await expect(stack.db('audit_log').update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(stack.db('audit_log').delete()).rejects.toThrow(/append-only/);
  });
});
