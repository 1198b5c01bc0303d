import { createHash, randomUUID } from 'node:crypto';
import { evidenceFilePath, isSha256, storeEvidenceText } from '../../../platform/evidence-storage';
import { findContract } from '../../../stores/contract-store';
import {
  EvidenceSubmission,
  findRectificationFile,
  findSubmission,
  listSubmissions,
} from '../../../stores/evidence-store';
import { findRepresentationFile } from '../../../stores/representation-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../messages/evaluation-messages';
import {
  EvidenceReceipt,
  RectificationStep,
  rectificationStateQuery,
  submitEvidenceUpdate,
} from '../../../messages/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { IDEMPOTENCY_HEADER } from '../../idempotency';
import { ProblemError } from '../../problem';
import { runWorkflowCommand } from '../../workflow-errors';
import type { EvidenceUpload } from './evidence-upload';
import { partySideOf } from './finding-service';
import type { RectificationService } from './rectification-service';

const FINAL_STEPS = new Set<RectificationStep>(['closed', 'revoked', 'withdrawn']);

/**
 * The same Idempotency-Key from the same user on the same order
 * always names the same submission (a UUIDv5-style digest).
 */
export function submissionIdFor(rectificationId: string, userId: string, key: string): string {
  const bytes = createHash('sha1')
    .update(JSON.stringify(['carepact:evidence-submission', rectificationId, userId, key]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a retry must repeat to count as the same request: files and texts, in any order. */
function fingerprint(u: Pick<EvidenceUpload, 'files' | 'texts'>): string {
  const files = u.files.map((f) => JSON.stringify([f.findingId ?? '', f.filename, f.sha256])).sort();
  const texts = u.texts
    .map((t) => JSON.stringify([t.findingId, createHash('sha256').update(t.text).digest('hex')]))
    .sort();
  return JSON.stringify([files, texts]);
}

const receiptOf = (s: EvidenceSubmission): EvidenceReceipt => ({
  submissionId: s.id,
  rectificationId: s.rectificationId,
  receivedAt: s.receivedAt,
  files: s.files,
  texts: s.texts.length,
});

/** A party's evidence for a rectification order: stored by SHA-256, handed to the order's workflow as an Update. */
export function createEvidenceService(deps: ApiDeps, evidenceDir: string, rectifications: RectificationService) {
  const handleOf = (id: string) => deps.temporal.workflow.getHandle(rectificationWorkflowId(id));

  /**
   * Asks the order before the body is read, so a party is not made to upload megabytes to hear
   * "not now". Only the step is checked here; the Update's validator decides everything, and when
   * the workflow cannot be asked, it alone does.
   */
  const refuseWhenNotAccepting = async (rectificationId: string, submissionId: string) => {
    const view = await handleOf(rectificationId)
      .query(rectificationStateQuery)
      .catch(() => undefined);
    // A retry of the submission being recorded right now: the Update id gives it the first receipt.
    if (!view || view.pendingSubmissionId === submissionId) return;
    if (FINAL_STEPS.has(view.step)) throw new ProblemError('contract-closed', 'the rectification is closed');
    if (view.step !== 'awaiting-evidence')
      throw new ProblemError(
        'rectification-wrong-step',
        `this needs the order to be awaiting evidence; it is ${view.step}`,
      );
  };

  /** Before the body is read: the submission's id, and the earlier one a retry with the same key repeats. */
  async function prepare(
    user: User,
    rectificationId: string,
    key: string | undefined,
  ): Promise<{ submissionId: string; earlier?: EvidenceSubmission }> {
    const submissionId = key === undefined ? randomUUID() : submissionIdFor(rectificationId, user.id, key);
    const earlier = key === undefined ? undefined : await findSubmission(deps.db, submissionId);
    if (!earlier) await refuseWhenNotAccepting(rectificationId, submissionId);
    return { submissionId, earlier };
  }

  /** A retry answers the first receipt, provided it repeats the same evidence. */
  function replay(earlier: EvidenceSubmission, upload: EvidenceUpload, key: string): EvidenceReceipt {
    if (fingerprint(earlier) !== fingerprint(upload))
      throw new ProblemError(
        'idempotency-key-reused',
        `${IDEMPOTENCY_HEADER} "${key}" was already used for other evidence on this rectification; use a new key`,
      );
    return receiptOf(earlier);
  }

  async function submit(
    user: User,
    rectificationId: string,
    submissionId: string,
    upload: EvidenceUpload,
  ): Promise<EvidenceReceipt> {
    const texts = await Promise.all(
      upload.texts.map(async (t) => ({ findingId: t.findingId, ...(await storeEvidenceText(evidenceDir, t.text)) })),
    );
    // Itemized findings take evidence from their responsible side only: the workflow is told whose this is.
    const order = await rectifications.visible(user, rectificationId);
    const contract = await findContract(deps.db, order.contractId);
    const side = contract ? partySideOf(user, contract) : undefined;
    const args = { submissionId, userId: user.id, texts, files: upload.files, ...(side ? { side } : {}) };
    // The Update id makes Temporal answer a concurrent retry of the same submission with its first result.
    return runWorkflowCommand(
      () =>
        handleOf(rectificationId).executeUpdate(submitEvidenceUpdate, {
          args: [args],
          updateId: `evidence-${submissionId}`,
        }),
      'the rectification is closed',
    );
  }

  async function submissions(user: User, rectificationId: string): Promise<EvidenceSubmission[]> {
    await rectifications.visible(user, rectificationId);
    return listSubmissions(deps.db, rectificationId);
  }

  /** One stored file of the order, and where its content is. */
  async function file(user: User, rectificationId: string, sha256: string) {
    await rectifications.visible(user, rectificationId);
    // Representations' files (issue 12) are stored the same way and download from here too.
    const record = isSha256(sha256)
      ? ((await findRectificationFile(deps.db, rectificationId, sha256)) ??
        (await findRepresentationFile(deps.db, rectificationId, sha256)))
      : undefined;
    if (!record) throw new ProblemError('not-found', `rectification ${rectificationId} has no evidence file ${sha256}`);
    return { file: record, path: evidenceFilePath(evidenceDir, sha256) };
  }

  return { prepare, replay, submit, submissions, file };
}
