import type { Knex } from 'knex';

/**
 * The audit log becomes tamper-evident: every row stores the SHA-256 of its content and of the
 * previous row's hash, so editing or removing a row breaks the chain from there on
 * (`npm run audit:verify`). TRUNCATE is refused like UPDATE and DELETE.
 *
 * The chain is built inside PostgreSQL, under a transaction-scoped advisory lock, because many
 * API processes and workers append at once: the lock makes "read the last hash, assign the next
 * id, insert" one step per transaction, so ids follow chain order and no two rows share a
 * predecessor. The text that is hashed is documented in stores/audit-chain.ts, which recomputes
 * it independently.
 */

/** pg_advisory_xact_lock key of the audit chain: 'audit_lg' read as a 64-bit integer. */
export const AUDIT_CHAIN_LOCK = '7022629598040910951';

const canonicalFunction = `CREATE FUNCTION audit_log_canonical(
    p_id bigint, p_at timestamptz, p_actor_user_id uuid, p_actor text, p_action text, p_entity_type text,
    p_entity_id text, p_details jsonb, p_idempotency_key text, p_prev_hash text) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT 'carepact-audit-v1' || chr(10) || string_agg(
             CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END, chr(10) ORDER BY ord)
      FROM unnest(ARRAY[
             p_id::text,
             to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
             p_actor_user_id::text, p_actor, p_action, p_entity_type, p_entity_id,
             p_details::text, p_idempotency_key, p_prev_hash]) WITH ORDINALITY AS field(value, ord)
  $$`;

const hashFunction = `CREATE FUNCTION audit_log_hash(canonical text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT encode(sha256(convert_to(canonical, 'UTF8')), 'hex') $$`;

const chainFunction = `CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Held until commit: the next appender reads this row's hash only once it is visible.
    PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
    -- Under a snapshot older than the lock a committed row would be invisible and the chain would fork.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
      RAISE EXCEPTION 'audit_log is appended only in READ COMMITTED transactions';
    END IF;
    NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    SELECT hash INTO NEW.prev_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.hash := audit_log_hash(audit_log_canonical(NEW.id, NEW.at, NEW.actor_user_id, NEW.actor, NEW.action,
      NEW.entity_type, NEW.entity_id, NEW.details, NEW.idempotency_key, NEW.prev_hash));
    RETURN NEW;
  END $$`;

export async function up(knex: Knex): Promise<void> {
  // Running processes wait for the migration rather than append to a half-hashed log.
  await knex.raw('LOCK TABLE audit_log IN EXCLUSIVE MODE');
  await knex.raw('ALTER TABLE audit_log ADD COLUMN prev_hash text, ADD COLUMN hash text');
  await knex.raw(canonicalFunction);
  await knex.raw(hashFunction);

  await knex.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
  await knex.raw(`DO $$
    DECLARE
      r audit_log%ROWTYPE;
      previous text := NULL;
      current_hash text;
    BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        current_hash := audit_log_hash(audit_log_canonical(r.id, r.at, r.actor_user_id, r.actor, r.action,
          r.entity_type, r.entity_id, r.details, r.idempotency_key, previous));
        UPDATE audit_log SET prev_hash = previous, hash = current_hash WHERE id = r.id;
        previous := current_hash;
      END LOOP;
    END $$`);
  await knex.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');

  await knex.raw('ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL');
  // A second row naming the same predecessor would be a fork: refuse it rather than record it.
  await knex.raw('CREATE UNIQUE INDEX audit_log_prev_hash_unique ON audit_log (prev_hash)');
  // The trigger numbers rows under the lock, so ids follow chain order; a default would waste a number per row.
  await knex.raw('ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT');
  await knex.raw(chainFunction);
  await knex.raw(
    'CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()',
  );
  await knex.raw(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER audit_log_no_truncate ON audit_log');
  await knex.raw('DROP TRIGGER audit_log_chain ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_chain()');
  const { rows } = await knex.raw(`SELECT pg_get_serial_sequence('audit_log', 'id') AS sequence`);
  const sequence = String(rows[0].sequence).replace(/'/g, "''");
  await knex.raw(`ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('${sequence}'::regclass)`);
  await knex.raw('DROP INDEX audit_log_prev_hash_unique');
  await knex.raw('ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash');
  await knex.raw('DROP FUNCTION audit_log_hash(text)');
  await knex.raw(
    'DROP FUNCTION audit_log_canonical(bigint, timestamptz, uuid, text, text, text, text, jsonb, text, text)',
  );
}
