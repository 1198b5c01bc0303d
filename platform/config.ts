import path from 'node:path';

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
}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function createConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const config: Config = {
    dataDir: path.resolve(optional(env, 'CAREPACT_DATA_DIR') ?? '.data'),
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
    mailWebPort: intFrom(env, 'MAIL_WEB_PORT', 1080),
    smtpCatcherPort: intFrom(env, 'SMTP_CATCHER_PORT', 1025),
    apiPort: intFrom(env, 'PORT', 3000),
    publicBaseUrl: optional(env, 'PUBLIC_BASE_URL'),
    bootstrapAdminToken: optional(env, 'BOOTSTRAP_ADMIN_TOKEN'),
    logLevel: optional(env, 'LOG_LEVEL') ?? 'info',
  };
  return { ...config, ...overrides, temporal: { ...config.temporal, ...overrides.temporal } };
}

export function requireSetting<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} must be set for this process`);
  return value;
}
