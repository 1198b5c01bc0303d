import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { migrationSource } from '../../migrations';
import { createDb, Db } from '../../platform/db';
import { canonicalAuditText, mapChainedRow, verifyAuditChain } from '../../stores/audit-chain';
import { appendAudit } from '../../stores/audit-store';
import { countRows } from '../support/db-counts';
import { activeContract, createWorld } from '../support/fixtures';
import { readRunInfo } from '../support/run-info';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
  const world = await createWorld(stack);
  await activeContract(stack, world);
});
afterAll(() => stack?.stop());

const headHash = async (db: Db) => (await db('audit_log').orderBy('id', 'desc').first())?.hash as string;

/** The audit log edited as a superuser would: with its user triggers (append-only, chain) off. */
async function tamper(db: Db, edit: (tx: Db) => Promise<unknown>) {
  await db.transaction(async (tx) => {
    await tx.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await edit(tx as unknown as Db);
    await tx.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

const builtVerify = path.join(__dirname, '..', '..', 'dist', 'scripts', 'audit-verify.js');
async function urlOf(db: Db): Promise<string> {
  const { rows } = await db.raw('SELECT current_database() AS name');
  return readRunInfo().pgAdminUrl.replace(/\/[^/]*$/, `/${rows[0].name}`);
}
async function runVerifyCommand(db: Db) {
  return spawnSync(process.execPath, [builtVerify], {
    env: { ...process.env, DATABASE_URL: await urlOf(db) },
    encoding: 'utf8',
  });
}

it('chains every entry written through the API and verifies the whole log', async () => {
  const rows = await countRows(stack.db, 'audit_log');
  expect(rows).toBeGreaterThanOrEqual(10); // region, 5 users, 2 institutions, contract drafted, signed ×2, active
  const all = await stack.db('audit_log').orderBy('id');
  expect(all[0].prev_hash).toBeNull();
  all.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(all[i].hash));
  expect(new Set(all.map((r) => r.hash)).size).toBe(rows);

  expect(await verifyAuditChain(stack.db, { batchSize: 3 })).toEqual({ ok: true, rows, headHash: all[rows - 1].hash });
  const command = await runVerifyCommand(stack.db);
  expect(command.status).toBe(0);
  expect(command.stdout).toContain(`audit chain OK: ${rows} rows verified`);
});

it('hashes the same text in PostgreSQL as the verifier does, for awkward content', async () => {
  const user = await stack.db('users').first();
  const awkward = [
    {
      actorUserId: user.id,
      actor: `user:${user.id}`,
      action: 'region.policy-changed',
      entityType: 'region' as const,
      entityId: 'R-1',
      details: { zz: 1.5, a: [1.0, 10, 1e3, -0.25, null, true], 监管: '行\n"引号"\t\\', nested: { b: {}, a: [] } },
    },
    {
      actor: 'system:ä\nb',
      action: 'x'.repeat(300),
      entityType: 'evaluation' as const,
      entityId: '',
      details: {},
      idempotencyKey: `awkward:${randomUUID()}`,
    },
  ];
  for (const entry of awkward) await appendAudit(stack.db, entry);

  const rows = await stack
    .db('audit_log')
    .orderBy('id', 'desc')
    .limit(2)
    .select(
      '*',
      stack.db.raw(`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text`),
      stack.db.raw('details::text AS details_text'),
      stack.db.raw(
        'audit_log_canonical(id, at, actor_user_id, actor, action, entity_type, entity_id, details, ' +
          'idempotency_key, prev_hash) AS canonical',
      ),
    );
  for (const row of rows) {
    const mine = canonicalAuditText(mapChainedRow(row));
    expect(mine).toBe(row.canonical);
  }
  expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true });
});

it('a retried entry (same idempotency key) is written once and does not advance the chain', async () => {
  const entry = {
    actor: 'system:test',
    action: 'evaluation.overdue',
    entityType: 'evaluation' as const,
    entityId: randomUUID(),
    idempotencyKey: `retry:${randomUUID()}`,
  };
  await appendAudit(stack.db, entry);
  const head = await headHash(stack.db);
  const before = await countRows(stack.db, 'audit_log');
  await appendAudit(stack.db, { ...entry, details: { retried: true } });
  await stack.db.transaction((tx) => appendAudit(tx, entry));
  expect(await countRows(stack.db, 'audit_log')).toBe(before);
  expect(await headHash(stack.db)).toBe(head);

  await appendAudit(stack.db, { ...entry, idempotencyKey: undefined });
  expect((await stack.db('audit_log').orderBy('id', 'desc').first()).prev_hash).toBe(head);
  expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true, rows: before + 1 });
});

it('appends from many processes at once form one chain', async () => {
  const url = await urlOf(stack.db);
  const others = [createDb(url, { min: 0, max: 6 }), createDb(url, { min: 0, max: 6 })];
  try {
    const before = await countRows(stack.db, 'audit_log');
    // Each transaction appends twice with a pause between, so transactions interleave if they can.
    const appends = Array.from({ length: 24 }, (_, i) =>
      others[i % 2]!.transaction(async (tx) => {
        await appendAudit(tx, {
          actor: 'system:test',
          action: 'evaluation.overdue',
          entityType: 'evaluation',
          entityId: `concurrent-${i}`,
          details: { step: 1 },
        });
        await tx.raw('SELECT pg_sleep(0.01)');
        await appendAudit(tx, {
          actor: 'system:test',
          action: 'evaluation.overdue',
          entityType: 'evaluation',
          entityId: `concurrent-${i}`,
          details: { step: 2 },
        });
      }),
    );
    await Promise.all(appends);
    expect(await countRows(stack.db, 'audit_log')).toBe(before + 48);
    const verdict = await verifyAuditChain(stack.db);
    expect(verdict).toMatchObject({ ok: true, rows: before + 48 });
    // Under the lock a transaction's two entries are consecutive links.
    const mine = await stack.db('audit_log').where('entity_id', 'like', 'concurrent-%').orderBy('id');
    for (let i = 0; i < mine.length; i += 2) {
      expect(mine[i + 1].entity_id).toBe(mine[i].entity_id);
      expect(mine[i + 1].prev_hash).toBe(mine[i].hash);
    }
  } finally {
    await Promise.all(others.map((db) => db.destroy()));
  }
});

it('refuses UPDATE, DELETE, TRUNCATE, and appends under an older snapshot', async () => {
  await expect(stack.db('audit_log').update({ action: 'tampered' })).rejects.toThrow(/append-only/);
  await expect(stack.db('audit_log').delete()).rejects.toThrow(/append-only/);
  await expect(stack.db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  const repeatable = stack.db.transaction(
    (tx) => appendAudit(tx, { actor: 'system:test', action: 'x', entityType: 'region', entityId: 'R' }),
    { isolationLevel: 'repeatable read' },
  );
  await expect(repeatable).rejects.toThrow(/READ COMMITTED/);
  expect(await verifyAuditChain(stack.db)).toMatchObject({ ok: true });
});

async function asAdmin(sql: string) {
  const admin = createDb(readRunInfo().pgAdminUrl, { min: 0, max: 1 });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

/** A database of its own, cloned from the migrated template, whose log holds a chain of `entries` entries. */
async function chainOfItsOwn(entries: number): Promise<{ db: Db; drop(): Promise<void> }> {
  const info = readRunInfo();
  const database = `a_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await asAdmin(`CREATE DATABASE "${database}" TEMPLATE "${info.templateDatabase}"`);
  const db = createDb(info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`), { min: 0, max: 2 });
  for (let i = 0; i < entries; i++)
    await appendAudit(db, {
      actor: 'system:test',
      action: 'region.created',
      entityType: 'region',
      entityId: `R${i}`,
      details: { i, name: `区 ${i}` },
    });
  return {
    db,
    async drop() {
      await db.destroy();
      await asAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}

describe('tampering as a superuser', () => {
  // Each test tampers with a chain of its own: a removed row stays removed, and would break every later test's chain.
  let chain: Awaited<ReturnType<typeof chainOfItsOwn>>;
  beforeEach(async () => {
    chain = await chainOfItsOwn(12);
  });
  afterEach(async () => chain?.drop());

  it('an edited row is named, by the verifier and by npm run audit:verify', async () => {
    const { db } = chain;
    const rows = await db('audit_log').orderBy('id');
    const victim = rows[Math.floor(rows.length / 2)];
    const original = (await db('audit_log').where({ id: victim.id }).first(db.raw('details::text AS text'))).text;
    await tamper(db, (tx) =>
      tx('audit_log')
        .where({ id: victim.id })
        .update({ details: JSON.stringify({ ...victim.details, forged: true }) }),
    );

    const verdict = await verifyAuditChain(db, { batchSize: 7 });
    expect(verdict).toEqual({
      ok: false,
      rowsBeforeBreak: rows.indexOf(victim),
      broken: {
        id: String(victim.id),
        entityType: victim.entity_type,
        entityId: victim.entity_id,
        problem: expect.stringMatching(/content does not match its hash/),
      },
    });
    const command = await runVerifyCommand(db);
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(
      `audit chain BROKEN at row id ${victim.id} (${victim.entity_type} ${victim.entity_id})`,
    );

    // Putting the content back restores the proof: the hash covers the content, nothing else.
    await tamper(db, (tx) => tx('audit_log').where({ id: victim.id }).update({ details: original }));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: rows.length });
  });

  it('a row removed from the middle is detected at the row after it', async () => {
    const { db } = chain;
    const rows = await db('audit_log').orderBy('id');
    const removed = rows[Math.floor(rows.length / 3)];
    const next = rows[rows.indexOf(removed) + 1];
    await tamper(db, (tx) => tx('audit_log').where({ id: removed.id }).delete());

    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({
      ok: false,
      broken: {
        id: String(next.id),
        problem: expect.stringContaining(
          `row before it (id ${rows[rows.indexOf(removed) - 1].id}): a row between them was removed`,
        ),
      },
    });
  });
});

describe('the migration', () => {
  const before = '20261122130000_evidence_file_addresses';
  let db: Db;
  let database: string;

  beforeAll(async () => {
    const info = readRunInfo();
    database = `m_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = createDb(info.pgAdminUrl, { min: 0, max: 1 });
    await admin.raw(`CREATE DATABASE "${database}"`);
    await admin.destroy();
    db = createDb(info.pgAdminUrl.replace(/\/[^/]*$/, `/${database}`), { min: 0, max: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = createDb(readRunInfo().pgAdminUrl, { min: 0, max: 1 });
    await admin.raw(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.destroy();
  });

  const oldRow = (i: number) => ({
    at: `2026-0${1 + (i % 9)}-15T08:00:00.${String(123456 + i).padStart(6, '0')}+08:00`,
    actor: 'user:legacy',
    action: 'region.created',
    entity_type: 'region',
    entity_id: `R${i}`,
    details: JSON.stringify({ i, name: `区 ${i}`, ratio: 1.0 }),
    idempotency_key: i % 2 ? `legacy:${i}` : null,
  });

  it('hashes the rows already there in id order, and down and up again keeps every row', async () => {
    await db.migrate.latest({ migrationSource });
    while ((await db('knex_migrations').max({ name: 'name' }).first())!.name !== before)
      await db.migrate.down({ migrationSource });
    expect(await db.schema.hasColumn('audit_log', 'hash')).toBe(false);
    await db('audit_log').insert(Array.from({ length: 25 }, (_, i) => oldRow(i)));

    await db.migrate.latest({ migrationSource });
    const hashed = await db('audit_log').orderBy('id');
    expect(hashed).toHaveLength(25);
    expect(hashed[0].prev_hash).toBeNull();
    hashed.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(hashed[i].hash));
    expect(await verifyAuditChain(db, { batchSize: 10 })).toEqual({ ok: true, rows: 25, headHash: hashed[24].hash });
    // New entries continue the chain from the migrated rows.
    await appendAudit(db, { actor: 'system:test', action: 'region.created', entityType: 'region', entityId: 'R-new' });
    const appended = await db('audit_log').orderBy('id', 'desc').first();
    expect(appended.prev_hash).toBe(hashed[24].hash);
    expect(Number(appended.id)).toBeGreaterThan(Number(hashed[24].id));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 26 });

    // Later migrations (e.g. sign-in's) come down first.
    while ((await db('knex_migrations').max({ name: 'name' }).first())!.name !== before)
      await db.migrate.down({ migrationSource });
    expect(await db.schema.hasColumn('audit_log', 'hash')).toBe(false);
    expect(await countRows(db, 'audit_log')).toBe(26);
    await db('audit_log').insert(oldRow(99)); // ids come from the column default again
    await expect(db('audit_log').delete()).rejects.toThrow(/append-only/);

    await db.migrate.latest({ migrationSource });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 27 });
    expect((await db('audit_log').orderBy('id').first()).hash).toBe(hashed[0].hash);
    await expect(db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});
