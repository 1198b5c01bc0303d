import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import { type AuthSettings, createConfig } from '../platform/config';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** Used by /health to report the mail relay; undefined when none is configured. */
  mailTransport?: Transporter;
  clock?: () => number;
  /** Evidence uploads; unset means the environment's settings (platform/config.ts). */
  /** Where people reach the console (links in mails); unset means the environment's (platform/config.ts). */
  publicBaseUrl?: string;
  mailFrom?: string;
  /** Session and sign-in settings; each one unset means the environment's (platform/config.ts). */
  auth?: Partial<AuthSettings>;
  evidence?: { dir: string; maxFileBytes: number; maxFiles: number; allowedTypes: string[]; maxBodyBytes?: number };
}

/** The settings a deps object leaves unset, from the environment. */
export function resolvedSettings(deps: ApiDeps) {
  const config = createConfig();
  return {
    auth: { ...config.auth, ...deps.auth },
    publicBaseUrl: (deps.publicBaseUrl ?? config.publicBaseUrl).replace(/\/+$/, ''),
    mailFrom: deps.mailFrom ?? config.mailFrom,
    now: () => new Date(deps.clock?.() ?? Date.now()),
  };
}
