import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Router } from 'express';
import { createConfig, type EvidenceSettings } from '../../../platform/config';
import { evidenceFilePath, isSha256, storeEvidenceText } from '../../../platform/evidence-storage';
import { EvidenceSubmission, findRectificationFile, findSubmission, listSubmissions } from '../../../stores/evidence-store';
import { rectificationWorkflowId } from '../../../workflows/evaluation-messages';
import { EvidenceReceipt, RectificationStep, rectificationStateQuery, submitEvidenceUpdate } from '../../../workflows/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { requireUser } from '../../auth';
import { IDEMPOTENCY_HEADER } from '../../idempotency';
import { ProblemSchema, z } from '../../openapi';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { assertStorableText } from '../../unstorable-text';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';
import { EvidenceUpload, readEvidenceUpload } from './evidence-upload';

const EvidenceFileSchema = z
  .object({ findingId: z.string().optional(), filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .openapi('EvidenceFile');
const EvidenceReceiptSchema = z
  .object({ submissionId: z.uuid(), rectificationId: z.uuid(), receivedAt: z.string(), files: z.array(EvidenceFileSchema), texts: z.number().int().openapi({ description: 'How many texts were received' }) })
  .openapi('EvidenceReceipt');
const EvidenceSubmissionSchema = z
  .object({ id: z.uuid(), rectificationId: z.uuid(), submittedBy: z.uuid(), receivedAt: z.string(), texts: z.array(z.object({ findingId: z.string(), text: z.string() })), files: z.array(EvidenceFileSchema) })
  .openapi('EvidenceSubmission');
const FINAL_STEPS = new Set<RectificationStep>(['closed', 'revoked', 'withdrawn']);
const binary = z.string().openapi({ format: 'binary' });
const UploadSchema = z
  .object({ file: z.array(binary).optional().openapi({ description: 'General evidence files' }) })
  .catchall(z.union([binary, z.string()]))
  .openapi({ description: 'Parts named `file:<findingId>` are files for one finding; `text:<findingId>` are texts of any length. Types are detected from the content.' });

const problems = (statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, { description: 'Problem', content: { 'application/problem+json': { schema: ProblemSchema } } }]));

/** The same Idempotency-Key from the same user on the same order always names the same submission (a UUIDv5-style digest). */
export function submissionIdFor(rectificationId: string, userId: string, key: string): string {
  const bytes = createHash('sha1').update(JSON.stringify(['carepact:evidence-submission', rectificationId, userId, key])).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a retry must repeat to count as the same request: files and texts, in any order. */
function fingerprint(u: Pick<EvidenceUpload, 'files' | 'texts'>): string {
  const files = u.files.map((f) => JSON.stringify([f.findingId ?? '', f.filename, f.sha256])).sort();
  const texts = u.texts.map((t) => JSON.stringify([t.findingId, createHash('sha256').update(t.text).digest('hex')])).sort();
  return JSON.stringify([files, texts]);
}

const receiptOf = (s: EvidenceSubmission): EvidenceReceipt => ({ submissionId: s.id, rectificationId: s.rectificationId, receivedAt: s.receivedAt, files: s.files, texts: s.texts.length });

export function registerEvidenceRoutes(router: Router, registry: OpenAPIRegistry, route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const base = deps.evidence ?? createConfig().evidence;
  const settings: EvidenceSettings = { ...base, maxBodyBytes: base.maxBodyBytes ?? 50 * 1024 * 1024 };

  const visibility = createVisibility(deps.db);
  /** Someone who can see neither the order nor its contract learns nothing of either. */
  const visibleRectification = async (user: Parameters<typeof visibility.rectification>[0], id: string) => (await visibility.rectification(user, id)).order;

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
    description: `Roles: party, liaison. Send \`${IDEMPOTENCY_HEADER}\` to make a retry return the same submission.`,
    request: { params: IdParams, headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }), body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } } },
    responses: {
      201: { description: 'The receipt', content: { 'application/json': { schema: EvidenceReceiptSchema } } },
      200: { description: 'A retry with the same Idempotency-Key: the first receipt', content: { 'application/json': { schema: EvidenceReceiptSchema } } },
      ...problems([400, 401, 403, 404, 409, 413, 415, 422, 503]),
    },
  });
  /**
   * Asks the order before the body is read, so a party is not made to upload megabytes to hear
   * "not now". Only the step is checked here; the Update's validator decides everything, and when
   * the workflow cannot be asked, it alone does.
   */
  const refuseWhenNotAccepting = async (rectificationId: string, submissionId: string) => {
    const view = await deps.temporal.workflow
      .getHandle(rectificationWorkflowId(rectificationId))
      .query(rectificationStateQuery)
      .catch(() => undefined);
    // A retry of the submission being recorded right now: the Update id gives it the first receipt.
    if (!view || view.pendingSubmissionId === submissionId) return;
    if (FINAL_STEPS.has(view.step)) throw new ProblemError('contract-closed', 'the rectification is closed');
    if (view.step !== 'awaiting-evidence') throw new ProblemError('rectification-wrong-step', `this needs the order to be awaiting evidence; it is ${view.step}`);
  };

  router.post('/rectifications/:id/evidence', async (req, res) => {
    const user = requireUser(req, ['party', 'liaison']);
    const { id } = paramsOf(req);
    const order = await visibleRectification(user, id);
    const key = req.get(IDEMPOTENCY_HEADER);
    if (key !== undefined && (key.length < 1 || key.length > 200)) throw new ProblemError('validation-failed', `headers.${IDEMPOTENCY_HEADER}: must be 1–200 characters`);

    const submissionId = key === undefined ? randomUUID() : submissionIdFor(id, user.id, key);
    const earlier = key === undefined ? undefined : await findSubmission(deps.db, submissionId);
    if (!earlier) await refuseWhenNotAccepting(id, submissionId);
    const upload = await readEvidenceUpload(req, settings, new Set(order.findings.map((f) => f.id)));
    if (earlier) {
      if (fingerprint(earlier) !== fingerprint(upload)) throw new ProblemError('idempotency-key-reused', `${IDEMPOTENCY_HEADER} "${key}" was already used for other evidence on this rectification; use a new key`);
      return void res.status(200).json(receiptOf(earlier));
    }
    const texts = await Promise.all(upload.texts.map(async (t) => ({ findingId: t.findingId, ...(await storeEvidenceText(settings.dir, t.text)) })));
    const args = { submissionId, userId: user.id, texts, files: upload.files };
    // The Update id makes Temporal answer a concurrent retry of the same submission with its first result.
    const receipt = await runWorkflowCommand(
      () => deps.temporal.workflow.getHandle(rectificationWorkflowId(id)).executeUpdate(submitEvidenceUpdate, { args: [args], updateId: `evidence-${submissionId}` }),
      'the rectification is closed',
    );
    res.status(201).json(receipt);
  });

  route({
    method: 'get',
    path: '/rectifications/:id/evidence',
    summary: "A rectification's evidence submissions with their files and texts (parties and the region's regulator)",
    tag: 'rectifications',
    roles: ['admin', 'regulator', 'party', 'liaison'],
    params: IdParams,
    response: { status: 200, schema: z.object({ items: z.array(EvidenceSubmissionSchema) }), description: 'Submissions, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => {
      await visibleRectification(user, params.id);
      return { items: await listSubmissions(deps.db, params.id) };
    },
  });

  const FileParams = IdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
  registry.registerPath({
    method: 'get',
    path: '/rectifications/{id}/evidence/files/{sha256}',
    summary: "Download one of a rectification's evidence files by its SHA-256",
    tags: ['rectifications'],
    description: 'Roles: admin, regulator, party, liaison',
    request: { params: FileParams },
    responses: { 200: { description: 'The file, with its detected content type, as an attachment', content: { 'application/octet-stream': { schema: binary } } }, ...problems([400, 401, 403, 404, 503]) },
  });
  router.get('/rectifications/:id/evidence/files/:sha256', async (req, res) => {
    const user = requireUser(req, ['admin', 'regulator', 'party', 'liaison']);
    const { id } = paramsOf(req);
    const sha256 = String(req.params.sha256);
    await visibleRectification(user, id);
    const file = isSha256(sha256) ? await findRectificationFile(deps.db, id, sha256) : undefined;
    if (!file) throw new ProblemError('not-found', `rectification ${id} has no evidence file ${sha256}`);
    // Opened before the headers go out: a recorded file missing from storage is a server fault (500), not a truncated download.
    const stream = fs.createReadStream(evidenceFilePath(settings.dir, sha256));
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    res.status(200).type(file.contentType).attachment(file.filename).set({ 'Content-Length': String(file.size), 'Cache-Control': 'private, no-store' });
    // A client that stops reading midway is no server error.
    await pipeline(stream, res).catch(() => undefined);
  });
}
