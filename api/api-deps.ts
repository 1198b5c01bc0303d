import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
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
  evidence?: { dir: string; maxFileBytes: number; maxFiles: number; allowedTypes: string[]; maxBodyBytes?: number };
}
