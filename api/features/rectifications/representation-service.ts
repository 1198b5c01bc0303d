import { createHash, randomUUID } from 'node:crypto';
import { storeEvidenceText } from '../../../platform/evidence-storage';
import { findContract } from '../../../stores/contract-store';
import { findRepresentation, listRepresentations, type Representation } from '../../../stores/representation-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../messages/evaluation-messages';
import { rectificationStateQuery } from '../../../messages/rectification-messages';
import {
  fileRepresentationsUpdate,
  type RepresentationReceipt,
  waiveRepresentationsUpdate,
} from '../../../messages/representation-messages';
import type { ApiDeps } from '../../api-deps';
import { IDEMPOTENCY_HEADER } from '../../idempotency';
import { ProblemError } from '../../problem';
import { runWorkflowCommand } from '../../workflow-errors';
import type { EvidenceUpload } from './evidence-upload';
import type { RectificationService } from './rectification-service';

const closed = 'the rectification order is closed';

/** The same Idempotency-Key from the same user on the same order always names the same representation. */
export function representationIdFor(rectificationId: string, userId: string, key: string): string {
  const bytes = createHash('sha1')
    .update(JSON.stringify(['carepact:representation', rectificationId, userId, key]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const receiptOf = (r: Representation): RepresentationReceipt => ({
  representationId: r.id,
  rectificationId: r.rectificationId,
  kind: r.kind,
  institutionId: r.institutionId,
  receivedAt: r.receivedAt,
  ...(r.textSha256 ? { text: { sha256: r.textSha256, length: r.textLength! } } : {}),
  files: r.files,
});

/** One text for the whole representation: the parts named `text`, in order. */
export function representationText(upload: EvidenceUpload): string | undefined {
  if (upload.texts.length > 1)
    throw new ProblemError('evidence-malformed', 'representations hold one text: send a single part named "text"');
  return upload.texts[0]?.text;
}

/**
 * A party's representations against a notice of intended revocation (issue 12), stored like
 * evidence (content-addressed, SHA-256 receipts) and handed to the order's workflow as Updates.
 */
export function createRepresentationService(deps: ApiDeps, evidenceDir: string, rectifications: RectificationService) {
  const handleOf = (id: string) => deps.temporal.workflow.getHandle(rectificationWorkflowId(id));

  /** Only a party of the contract speaks for its institution. */
  async function asParty(user: User, rectificationId: string) {
    const order = await rectifications.visible(user, rectificationId);
    const contract = (await findContract(deps.db, order.contractId))!;
    const ours = [contract.medicalInstitutionId, contract.careInstitutionId];
    if (user.role !== 'party' || !user.institutionId || !ours.includes(user.institutionId))
      throw new ProblemError('not-a-party', 'only a party of the contract files representations for its institution');
    return { order, institutionId: user.institutionId };
  }

  /** Asked before a body is read, so nobody uploads megabytes to hear "not now"; the validator decides the rest. */
  async function refuseWhenNotInNotice(rectificationId: string) {
    const view = await handleOf(rectificationId)
      .query(rectificationStateQuery)
      .catch(() => undefined);
    if (view && view.step !== 'notice-of-revocation')
      throw new ProblemError(
        'rectification-wrong-step',
        `representations are made against a notice of intended revocation; the order is ${view.step}`,
      );
  }

  async function prepare(user: User, rectificationId: string, key: string | undefined) {
    const { institutionId } = await asParty(user, rectificationId);
    const representationId = key === undefined ? randomUUID() : representationIdFor(rectificationId, user.id, key);
    const earlier = key === undefined ? undefined : await findRepresentation(deps.db, representationId);
    if (!earlier) await refuseWhenNotInNotice(rectificationId);
    return { representationId, institutionId, earlier };
  }

  /** A retry answers the first receipt, provided it repeats the same text and files. */
  function replay(earlier: Representation, upload: EvidenceUpload | undefined, key: string): RepresentationReceipt {
    const text = upload ? representationText(upload) : undefined;
    const same =
      earlier.kind === (upload ? 'filed' : 'waived') &&
      (earlier.textSha256 ?? '') === (text === undefined ? '' : sha256Of(text)) &&
      JSON.stringify(earlier.files.map((f) => f.sha256).sort()) ===
        JSON.stringify((upload?.files ?? []).map((f) => f.sha256).sort());
    if (!same)
      throw new ProblemError(
        'idempotency-key-reused',
        `${IDEMPOTENCY_HEADER} "${key}" was already used for other representations on this order; use a new key`,
      );
    return receiptOf(earlier);
  }

  async function file(
    user: User,
    rectificationId: string,
    prepared: { representationId: string; institutionId: string },
    upload: EvidenceUpload,
  ): Promise<RepresentationReceipt> {
    const text = representationText(upload);
    const args = {
      representationId: prepared.representationId,
      userId: user.id,
      institutionId: prepared.institutionId,
      ...(text !== undefined ? { text: await storeEvidenceText(evidenceDir, text) } : {}),
      files: upload.files.map(({ findingId: _unused, ...f }) => f),
    };
    return runWorkflowCommand(
      () =>
        handleOf(rectificationId).executeUpdate(fileRepresentationsUpdate, {
          args: [args],
          updateId: `representation-${prepared.representationId}`,
        }),
      closed,
    );
  }

  async function waive(
    user: User,
    rectificationId: string,
    key: string | undefined,
  ): Promise<{ receipt: RepresentationReceipt; replayed: boolean }> {
    const prepared = await prepare(user, rectificationId, key);
    if (prepared.earlier) return { receipt: replay(prepared.earlier, undefined, key!), replayed: true };
    const receipt = await runWorkflowCommand(
      () =>
        handleOf(rectificationId).executeUpdate(waiveRepresentationsUpdate, {
          args: [
            { representationId: prepared.representationId, userId: user.id, institutionId: prepared.institutionId },
          ],
          updateId: `representation-${prepared.representationId}`,
        }),
      closed,
    );
    return { receipt, replayed: false };
  }

  async function list(user: User, rectificationId: string): Promise<Representation[]> {
    await rectifications.visible(user, rectificationId);
    return listRepresentations(deps.db, rectificationId);
  }

  return { prepare, replay, file, waive, list };
}
