import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { createConfig, type EvidenceSettings } from '../../../platform/config';
import type { ApiDeps } from '../../api-deps';
import { requireUser } from '../../auth';
import { IDEMPOTENCY_HEADER } from '../../idempotency';
import { ProblemSchema, z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, respondWith, type defineRoutes } from '../../route';
import { assertStorableText } from '../../unstorable-text';
import { readEvidenceUpload } from './evidence-upload';
import { createRectificationService } from './rectification-service';
import { createRepresentationService } from './representation-service';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const FileSchema = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256 });
const TextRefSchema = z.object({ sha256, length: z.number().int().describe('characters') });
const ReceiptSchema = z
  .object({
    representationId: z.uuid(),
    rectificationId: z.uuid(),
    kind: z.enum(['filed', 'waived']).describe('filed: representations made; waived: declared none'),
    institutionId: z.uuid(),
    receivedAt: z.string(),
    text: TextRefSchema.optional().describe('the SHA-256 of the text as UTF-8, and its length'),
    files: z.array(FileSchema),
  })
  .openapi('RepresentationReceipt');
const RepresentationSchema = z
  .object({
    id: z.uuid(),
    rectificationId: z.uuid(),
    kind: z.enum(['filed', 'waived']),
    institutionId: z.uuid(),
    submittedBy: z.uuid(),
    receivedAt: z.string(),
    text: z.string().optional(),
    textSha256: sha256.optional(),
    textLength: z.number().int().optional(),
    files: z.array(FileSchema),
    consideration: z.string().optional().describe("how the regulator's decision considered it"),
  })
  .openapi('Representation');
const binary = z.string().openapi({ format: 'binary' });
const UploadSchema = z
  .object({
    text: z.string().optional().openapi({ description: 'The representations, of any length' }),
    file: z.array(binary).optional().openapi({ description: 'Supporting files; types detected from the content' }),
  })
  .openapi({ description: 'One part named `text` and any number named `file`.' });

const problems = (statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );

function idempotencyKeyOf(req: { get(name: string): string | undefined; params: unknown }) {
  const key = req.get(IDEMPOTENCY_HEADER);
  assertStorableText({ params: req.params, [`headers.${IDEMPOTENCY_HEADER}`]: key });
  if (key !== undefined && (key.length < 1 || key.length > 200))
    throw new ProblemError('validation-failed', `headers.${IDEMPOTENCY_HEADER}: must be 1–200 characters`);
  return key;
}

function idOf(params: unknown): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) throw new ProblemError('validation-failed', `params.id: ${parsed.error.issues[0]?.message}`);
  return parsed.data.id;
}

/**
 * Representations against a notice of intended revocation (issue 12): filed, declared none, listed.
 * Their files download like evidence, from /rectifications/{id}/evidence/files/{sha256}.
 */
export function registerRepresentationRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  route: ReturnType<typeof defineRoutes>,
  deps: ApiDeps,
) {
  const base = deps.evidence ?? createConfig().evidence;
  const settings: EvidenceSettings = { ...base, maxBodyBytes: base.maxBodyBytes ?? 50 * 1024 * 1024 };
  const rectifications = createRectificationService(deps);
  const representations = createRepresentationService(deps, settings.dir, rectifications);
  const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

  registry.registerPath({
    method: 'post',
    path: '/rectifications/{id}/representations',
    summary: 'Make representations against the notice of intended revocation (a party): text and files, multipart',
    tags: ['rectifications'],
    'x-roles': ['party'],
    description:
      `Roles: party (of either institution of the contract), until the representations deadline. ` +
      `Send \`${IDEMPOTENCY_HEADER}\` to make a retry return the same receipt.`,
    request: {
      params: IdParams,
      headers: idempotencyHeader,
      body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
    },
    responses: {
      201: { description: 'The receipt', content: { 'application/json': { schema: ReceiptSchema } } },
      200: {
        description: 'A retry with the same Idempotency-Key: the first receipt',
        content: { 'application/json': { schema: ReceiptSchema } },
      },
      ...problems([400, 401, 403, 404, 409, 413, 415, 422, 503]),
    },
  });
  router.post('/rectifications/:id/representations', async (req, res) => {
    const user = requireUser(req, ['party']);
    const key = idempotencyKeyOf(req);
    const id = idOf(req.params);
    const prepared = await representations.prepare(user, id, key);
    const upload = await readEvidenceUpload(req, settings, new Set(), { untargetedText: true });
    if (prepared.earlier) return void res.status(200).json(representations.replay(prepared.earlier, upload, key!));
    res.status(201).json(await representations.file(user, id, prepared, upload));
  });

  route({
    method: 'post',
    path: '/rectifications/:id/representations/waiver',
    summary: 'Declare that the institution makes no representations against the notice (a party)',
    tag: 'rectifications',
    roles: ['party'],
    params: IdParams,
    idempotent: true,
    response: { status: 201, schema: ReceiptSchema, description: 'The receipt of the declaration' },
    problems: [404, 409],
    handler: async ({ user, params, req, res }) => {
      const { receipt, replayed } = await representations.waive(user, params.id, idempotencyKeyOf(req));
      if (replayed) respondWith(res, 200);
      return receipt;
    },
  });

  route({
    method: 'get',
    path: '/rectifications/:id/representations',
    summary: "An order's representations and declarations of none, with how the decision considered each",
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: {
      status: 200,
      schema: z.object({ items: z.array(RepresentationSchema) }),
      description: 'Oldest first',
    },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await representations.list(user, params.id) }),
  });
}
