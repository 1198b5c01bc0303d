import { z } from '../../openapi';
import { roles } from '../../../stores/user-store';

export const MeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    locale: z.string(),
    regionCodes: z.array(z.string()),
    institutionId: z.uuid().optional(),
    evaluatorOrganizationId: z.uuid().optional(),
  })
  .openapi('Me');

export const SignInSchema = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) })
  .strict()
  .openapi('SignIn');

export const SessionSchema = z
  .object({
    user: MeSchema,
    csrfToken: z.string().describe('send it in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE'),
    idleExpiresAt: z.string().describe('the session ends unless used before then'),
    absoluteExpiresAt: z.string().describe('the session ends then, however busy'),
  })
  .openapi('Session');

export const SessionSummarySchema = z
  .object({
    id: z.uuid(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    idleExpiresAt: z.string(),
    absoluteExpiresAt: z.string(),
    userAgent: z.string().optional(),
    current: z.boolean().describe('the session this request came with'),
  })
  .openapi('SessionSummary');

/** ASVS 2.1.1–2.1.9: at least 12 characters, at most 128, any characters, no composition rules. */
export const NewPasswordSchema = z
  .string()
  .min(12, 'a password has at least 12 characters')
  .max(128, 'a password has at most 128 characters');

export const LinkTokenSchema = z.string().min(1).max(200).describe('the secret after #token= in the link');

export const PasswordLinkSchema = z
  .object({
    link: z.string().describe('`<PUBLIC_BASE_URL>/console/password#token=<secret>`: single use; shown once'),
    expiresAt: z.string(),
  })
  .openapi('PasswordLink');
