import path from 'node:path';
import { SNIFFABLE_TYPES } from './content-type';

/** One typed configuration, parsed once at start: defaults ← environment ← overrides. */
export interface Config {
  dataDir: string;
  /** Unset means "start an embedded PostgreSQL" (npm start only; api/worker require it). */
  databaseUrl?: string;
  embeddedPgPort: number;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiPort: number;
    /**
     * Workflows a worker keeps in memory between their events (WORKER_MAX_CACHED_WORKFLOWS). Each costs about
     * a third of a MiB of RSS here, and most wait weeks for their next event: 1000 keeps a 500-child fan-out page
     * and its activities warm. The SDK's default follows the heap (2,310 at Node's 4 GiB), which put one worker
     * above 1 GiB in bench:cycle; 0 turns the cache off.
     */
    maxCachedWorkflows: number;
    /**
     * Wall-clock limit on one workflow activation (the SDK's default: 5 s). On a starved host it can fire while
     * an activation's promises settle, and Node then aborts the whole worker ("async hook stack has become
     * corrupted", nodejs/node#38503) instead of failing one task: it did three times in bench:cycle under a load
     * of 14–20 on 2 cores, and never at 60 s. So 60 s by default: still catches a workflow stuck in a loop.
     */
    isolateExecutionTimeoutMs: number;
  };
  /** Unset means "start the local mail catcher" (npm start only). */
  smtpUrl?: string;
  mailFrom: string;
  mailWebPort: number;
  smtpCatcherPort: number;
  apiPort: number;
  /** Where people reach the API and console; links in mails start with it. Default http://localhost:<PORT>. */
  publicBaseUrl: string;
  /** Secret: never logged. */
  bootstrapAdminToken?: string;
  logLevel: string;
  evidence: EvidenceSettings;
  /** Stored evidence content nothing refers to is removed once untouched this long (daily sweep). */
  evidenceSweepGraceDays: number;
  auth: AuthSettings;
}

/** Sign-in for people (OWASP ASVS 4.0 level 2, V2 and V3): session lifetimes, link lifetimes, attempt limits. */
export interface AuthSettings {
  /** A session unused this long ends (ASVS 3.3.2). */
  idleTimeoutSeconds: number;
  /** A session ends this long after sign-in, however busy (ASVS 3.3.2). */
  absoluteTimeoutSeconds: number;
  /** last_seen_at is written at most this often, so reads do not each cost a write. */
  touchIntervalSeconds: number;
  invitationLinkSeconds: number;
  resetLinkSeconds: number;
  /** Failed sign-ins for one account within the window before it is throttled (ASVS 2.2.1). */
  accountMaxFailures: number;
  accountWindowSeconds: number;
  /** Failed sign-ins from one address within the window, whatever the account, before it is throttled. */
  ipMaxFailures: number;
  ipWindowSeconds: number;
}

/** Uploaded rectification evidence: where files are kept and what an upload may hold. */
export interface EvidenceSettings {
  dir: string;
  maxFileBytes: number;
  maxFiles: number;
  /** The whole multipart body; texts have no limit of their own. */
  maxBodyBytes: number;
  allowedTypes: string[];
}

const DEFAULT_EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic'];

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function atLeast(min: number, value: number, name: string): number {
  if (value < min) throw new Error(`${name} must be at least ${min}, got ${value}`);
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function evidenceTypesFrom(env: Env): string[] {
  const raw = optional(env, 'EVIDENCE_ALLOWED_TYPES');
  if (!raw) return DEFAULT_EVIDENCE_TYPES;
  const types = raw
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const unknown = types.filter((t) => !(SNIFFABLE_TYPES as readonly string[]).includes(t));
  if (unknown.length)
    throw new Error(
      `EVIDENCE_ALLOWED_TYPES: cannot recognize ${unknown.join(', ')} from content; ` +
        `known: ${SNIFFABLE_TYPES.join(', ')}`,
    );
  return types;
}

function authFrom(env: Env): AuthSettings {
  const positive = (name: string, fallback: number) => atLeast(1, intFrom(env, name, fallback), name);
  return {
    idleTimeoutSeconds: positive('SESSION_IDLE_TIMEOUT_SECONDS', 30 * 60),
    absoluteTimeoutSeconds: positive('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 12 * 60 * 60),
    touchIntervalSeconds: positive('SESSION_TOUCH_INTERVAL_SECONDS', 60),
    invitationLinkSeconds: positive('INVITATION_LINK_SECONDS', 7 * 24 * 60 * 60),
    resetLinkSeconds: positive('RESET_LINK_SECONDS', 60 * 60),
    accountMaxFailures: positive('SIGN_IN_ACCOUNT_MAX_FAILURES', 5),
    accountWindowSeconds: positive('SIGN_IN_ACCOUNT_WINDOW_SECONDS', 15 * 60),
    ipMaxFailures: positive('SIGN_IN_IP_MAX_FAILURES', 50),
    ipWindowSeconds: positive('SIGN_IN_IP_WINDOW_SECONDS', 15 * 60),
  };
}

export function createConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(optional(env, 'CAREPACT_DATA_DIR') ?? '.data');
  const apiPort = intFrom(env, 'PORT', 3000);
  const config: Config = {
    dataDir,
    databaseUrl: optional(env, 'DATABASE_URL'),
    embeddedPgPort: intFrom(env, 'PG_PORT', 54329),
    temporal: {
      address: optional(env, 'TEMPORAL_ADDRESS') ?? '127.0.0.1:7233',
      namespace: optional(env, 'TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: optional(env, 'TEMPORAL_TASK_QUEUE') ?? 'carepact',
      uiPort: intFrom(env, 'TEMPORAL_UI_PORT', 8233),
      maxCachedWorkflows: intFrom(env, 'WORKER_MAX_CACHED_WORKFLOWS', 1000),
      isolateExecutionTimeoutMs: atLeast(
        1,
        intFrom(env, 'WORKER_ISOLATE_EXECUTION_TIMEOUT_MS', 60_000),
        'WORKER_ISOLATE_EXECUTION_TIMEOUT_MS',
      ),
    },
    smtpUrl: optional(env, 'SMTP_URL'),
    mailFrom: optional(env, 'MAIL_FROM') ?? 'CarePact <noreply@carepact.local>',
    mailWebPort: intFrom(env, 'MAIL_WEB_PORT', 8025),
    smtpCatcherPort: intFrom(env, 'SMTP_CATCHER_PORT', 1025),
    apiPort,
    publicBaseUrl: (optional(env, 'PUBLIC_BASE_URL') ?? `http://localhost:${apiPort}`).replace(/\/+$/, ''),
    bootstrapAdminToken: optional(env, 'BOOTSTRAP_ADMIN_TOKEN'),
    logLevel: optional(env, 'LOG_LEVEL') ?? 'info',
    evidence: {
      dir: path.resolve(optional(env, 'EVIDENCE_DIR') ?? path.join(dataDir, 'evidence')),
      maxFileBytes: intFrom(env, 'EVIDENCE_MAX_FILE_BYTES', 20 * 1024 * 1024),
      maxFiles: intFrom(env, 'EVIDENCE_MAX_FILES', 20),
      maxBodyBytes: intFrom(env, 'EVIDENCE_MAX_BODY_BYTES', 50 * 1024 * 1024),
      allowedTypes: evidenceTypesFrom(env),
    },
    // 0 days would let the sweep take an upload before its submission is recorded.
    evidenceSweepGraceDays: atLeast(1, intFrom(env, 'EVIDENCE_SWEEP_GRACE_DAYS', 30), 'EVIDENCE_SWEEP_GRACE_DAYS'),
    auth: authFrom(env),
  };
  return {
    ...config,
    ...overrides,
    temporal: { ...config.temporal, ...overrides.temporal },
    auth: { ...config.auth, ...overrides.auth },
  };
}

export function requireSetting<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} must be set for this process`);
  return value;
}
