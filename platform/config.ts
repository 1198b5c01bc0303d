import path from 'node:path';
import { SNIFFABLE_TYPES } from './content-type';

/** One typed configuration, parsed once at start: defaults ← environment ← overrides. */
export interface Config {
  dataDir: string;
  /** Unset means "start an embedded PostgreSQL" (npm start only; api/worker require it). */
  databaseUrl?: string;
  embeddedPgPort: number;
  temporal: { address: string; namespace: string; taskQueue: string; uiPort: number };
  /** Unset means "start the local mail catcher" (npm start only). */
  smtpUrl?: string;
  mailFrom: string;
  mailWebPort: number;
  smtpCatcherPort: number;
  apiPort: number;
  publicBaseUrl?: string;
  /** Secret: never logged. */
  bootstrapAdminToken?: string;
  logLevel: string;
  evidence: EvidenceSettings;
  /** Stored evidence content nothing refers to is removed once untouched this long (daily sweep). */
  evidenceSweepGraceDays: number;
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

export function createConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(optional(env, 'CAREPACT_DATA_DIR') ?? '.data');
  const config: Config = {
    dataDir,
    databaseUrl: optional(env, 'DATABASE_URL'),
    embeddedPgPort: intFrom(env, 'PG_PORT', 54329),
    temporal: {
      address: optional(env, 'TEMPORAL_ADDRESS') ?? '127.0.0.1:7233',
      namespace: optional(env, 'TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: optional(env, 'TEMPORAL_TASK_QUEUE') ?? 'carepact',
      uiPort: intFrom(env, 'TEMPORAL_UI_PORT', 8233),
    },
    smtpUrl: optional(env, 'SMTP_URL'),
    mailFrom: optional(env, 'MAIL_FROM') ?? 'CarePact <noreply@carepact.local>',
    mailWebPort: intFrom(env, 'MAIL_WEB_PORT', 8025),
    smtpCatcherPort: intFrom(env, 'SMTP_CATCHER_PORT', 1025),
    apiPort: intFrom(env, 'PORT', 3000),
    publicBaseUrl: optional(env, 'PUBLIC_BASE_URL'),
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
  };
  return { ...config, ...overrides, temporal: { ...config.temporal, ...overrides.temporal } };
}

export function requireSetting<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} must be set for this process`);
  return value;
}
