import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Router } from 'express';
import { createConfig, type EvidenceSettings } from '../../../platform/config';
import type { ApiDeps } from '../../api-deps';
import { requireUser } from '../../auth';
import { IDEMPOTENCY_HEADER } from '../../idempotency';
import { ProblemSchema, z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { assertStorableText } from '../../unstorable-text';
import { createEvidenceService } from './evidence-service';
import { readEvidenceUpload } from './evidence-upload';
import { createRectificationService } from './rectification-service';

const EvidenceFileSchema = z
  .object({
    findingId: z.string().optional(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .openapi('EvidenceFile');
const EvidenceReceiptSchema = z
  .object({
    submissionId: z.uuid(),
    rectificationId: z.uuid(),
    receivedAt: z.string(),
    files: z.array(EvidenceFileSchema),
    texts: z.number().int().openapi({ description: 'How many texts were received' }),
  })
  .openapi('EvidenceReceipt');
const EvidenceSubmissionSchema = z
  .object({
    id: z.uuid(),
    rectificationId: z.uuid(),
    submittedBy: z.uuid(),
    receivedAt: z.string(),
    texts: z.array(z.object({ findingId: z.string(), text: z.string() })),
    files: z.array(EvidenceFileSchema),
  })
  .openapi('EvidenceSubmission');
const binary = z.string().openapi({ format: 'binary' });
const UploadSchema = z
  .object({ file: z.array(binary).optional().openapi({ description: 'General evidence files' }) })
  .catchall(z.union([binary, z.string()]))
  .openapi({
    description:
      'Parts named `file:<findingId>` are files for one finding; `text:<findingId>` are texts of any length. ' +
      'Types are detected from the content.',
  });

const problems = (statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );

/** What a browser shows safely inline: pictures and PDFs (HEIC it cannot show, so that downloads). */
const previewable = new Set(['image/png', 'image/jpeg', 'image/webp', 'application/pdf']);

export function registerEvidenceRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  route: ReturnType<typeof defineRoutes>,
  deps: ApiDeps,
) {
  const base = deps.evidence ?? createConfig().evidence;
  const settings: EvidenceSettings = { ...base, maxBodyBytes: base.maxBodyBytes ?? 50 * 1024 * 1024 };

  const rectifications = createRectificationService(deps);
  const evidence = createEvidenceService(deps, settings.dir, rectifications);

  function paramsOf(req: Request): { id: string } {
    assertStorableText({ params: req.params, [`headers.${IDEMPOTENCY_HEADER}`]: req.get(IDEMPOTENCY_HEADER) });
    const parsed = IdParams.safeParse(req.params);
    if (!parsed.success) throw new ProblemError('validation-failed', `params.id: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  registry.registerPath({
    method: 'post',
    path: '/rectifications/{id}/evidence',
    summary: 'Submit rectification evidence (a party): files and per-finding texts as multipart/form-data',
    tags: ['rectifications'],
    'x-roles': ['party', 'liaison'],
    description: `Roles: party, liaison. Send \`${IDEMPOTENCY_HEADER}\` to make a retry return the same submission.`,
    request: {
      params: IdParams,
      headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
      body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
    },
    responses: {
      201: { description: 'The receipt', content: { 'application/json': { schema: EvidenceReceiptSchema } } },
      200: {
        description: 'A retry with the same Idempotency-Key: the first receipt',
        content: { 'application/json': { schema: EvidenceReceiptSchema } },
      },
      ...problems([400, 401, 403, 404, 409, 413, 415, 422, 503]),
    },
  });
  router.post('/rectifications/:id/evidence', async (req, res) => {
    const user = requireUser(req, ['party', 'liaison']);
    const { id } = paramsOf(req);
    const order = await rectifications.visible(user, id);
    const key = req.get(IDEMPOTENCY_HEADER);
    if (key !== undefined && (key.length < 1 || key.length > 200))
      throw new ProblemError('validation-failed', `headers.${IDEMPOTENCY_HEADER}: must be 1–200 characters`);

    const { submissionId, earlier } = await evidence.prepare(user, id, key);
    const upload = await readEvidenceUpload(req, settings, new Set(order.findings.map((f) => f.id)));
    if (earlier) return void res.status(200).json(evidence.replay(earlier, upload, key!));
    res.status(201).json(await evidence.submit(user, id, submissionId, upload));
  });

  route({
    method: 'get',
    path: '/rectifications/:id/evidence',
    summary: "A rectification's evidence submissions with their files and texts (parties and the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: {
      status: 200,
      schema: z.object({ items: z.array(EvidenceSubmissionSchema) }),
      description: 'Submissions, oldest first',
    },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await evidence.submissions(user, params.id) }),
  });

  route({
    method: 'get',
    path: '/rectifications/:id/evidence/limits',
    summary:
      'What an evidence upload may hold: the types detected from content, and the sizes the upload check enforces',
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: {
      status: 200,
      schema: z
        .object({
          allowedTypes: z.array(z.string()).describe('content types, detected from the bytes, not the name'),
          maxFileBytes: z.number().int(),
          maxFiles: z.number().int().describe('files in one upload'),
          maxBodyBytes: z.number().int().describe('the whole upload'),
        })
        .openapi('EvidenceLimits'),
      description: 'The limits the upload is checked against',
    },
    problems: [404],
    handler: async ({ user, params }) => {
      await rectifications.visible(user, params.id);
      const { allowedTypes, maxFileBytes, maxFiles, maxBodyBytes } = settings;
      return { allowedTypes, maxFileBytes, maxFiles, maxBodyBytes };
    },
  });

  const FileParams = IdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
  const FileQuery = z
    .object({
      disposition: z
        .enum(['attachment', 'inline'])
        .default('attachment')
        .describe('inline: shown in the browser, for images and PDFs only (anything else still downloads)'),
    })
    .strict();
  registry.registerPath({
    method: 'get',
    path: '/rectifications/{id}/evidence/files/{sha256}',
    summary: "Download one of a rectification's evidence files by its SHA-256",
    tags: ['rectifications'],
    'x-roles': ['admin', 'regulator', 'party', 'liaison'],
    description: 'Roles: admin, regulator, party, liaison',
    request: { params: FileParams, query: FileQuery },
    responses: {
      200: {
        description:
          'The file, with its detected content type, as an attachment; an image or PDF asked for inline ' +
          'comes inline under a sandboxing Content-Security-Policy, for a preview framed by the console only',
        content: { 'application/octet-stream': { schema: binary } },
      },
      ...problems([400, 401, 403, 404, 503]),
    },
  });
  router.get('/rectifications/:id/evidence/files/:sha256', async (req, res) => {
    const user = requireUser(req, ['admin', 'regulator', 'party', 'liaison']);
    const { id } = paramsOf(req);
    const sha256 = String(req.params.sha256);
    const query = FileQuery.safeParse(req.query);
    if (!query.success)
      throw new ProblemError('validation-failed', `query: ${query.error.issues[0]?.message}`, {
        errors: query.error.issues.map((i) => ({ path: ['query', ...i.path].join('.'), message: i.message })),
      });
    const { disposition } = query.data;
    const { file, path } = await evidence.file(user, id, sha256);
    const inline = disposition === 'inline' && previewable.has(file.contentType);
    // Opened before the headers go out: a recorded file missing from
    // storage is a server fault (500), not a truncated download.
    const stream = fs.createReadStream(path);
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    res
      .status(200)
      .type(file.contentType)
      .set({ 'Content-Length': String(file.size), 'Cache-Control': 'private, no-store' });
    res.attachment(file.filename);
    if (inline)
      res.set({
        'Content-Disposition': res.get('Content-Disposition')!.replace(/^attachment/, 'inline'),
        // An uploaded file runs nothing and is framed only by the console. Chromium shows no PDF in a
        // sandboxed document, so PDFs keep every other restriction but not the sandbox.
        'Content-Security-Policy':
          "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'" +
          (file.contentType === 'application/pdf' ? '' : '; sandbox'),
        'X-Frame-Options': 'SAMEORIGIN',
      });
    // A client that stops reading midway is no server error.
    await pipeline(stream, res).catch(() => undefined);
  });
}
