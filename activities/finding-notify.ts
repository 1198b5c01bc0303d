import { planOfCorrectionDays } from '../domain/rectification-findings';
import type { Db } from '../platform/db';
import { findContractWithNames } from '../stores/contract-store';
import { listFindingRecords } from '../stores/finding-store';
import { findRectification } from '../stores/rectification-store';
import { findUsers, partyUsersOf, regulatorsOf } from '../stores/user-store';
import { icsAttachment } from './ics';
import { type FindingNoticeName, findingIcsEvents, renderFindingNotice } from './finding-templates';
import type { Mailer } from './mail-activities';
import { consolePath } from '../domain/console-links';

/** The parties hear of their review; the order, its dates and every plan go to the parties and the regulators. */
const partiesOnly = new Set<FindingNoticeName>(['finding-reviewed', 'finding-deadlines']);

export interface FindingNoticeInput {
  rectificationId: string;
  notice: FindingNoticeName;
  eventKey: string;
  findingId?: string;
  decision?: string;
  reasons?: string;
}

/** Mails a notice of an itemized order to each recipient in their language, once per event and recipient. */
export async function sendFindingNotice(
  deps: { db: Db; mailer: Mailer; publicBaseUrl: string },
  input: FindingNoticeInput,
): Promise<void> {
  const order = (await findRectification(deps.db, input.rectificationId))!;
  const { contract, medicalName, careName } = (await findContractWithNames(deps.db, order.contractId))!;
  const liaisons = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
  const parties = await partyUsersOf(deps.db, [contract.medicalInstitutionId, contract.careInstitutionId]);
  const users = partiesOnly.has(input.notice)
    ? [...parties, ...liaisons]
    : [...parties, ...liaisons, ...(await regulatorsOf(deps.db, contract.regionCode))];
  const plan = input.findingId
    ? (await listFindingRecords(deps.db, order.id)).find((f) => f.findingId === input.findingId)?.plan
    : undefined;
  const link = `${deps.publicBaseUrl}${consolePath.rectification(order.id)}`;
  for (const user of users) {
    const params = {
      recipientName: user.name,
      link,
      contractName: `${medicalName} — ${careName}`,
      findings: order.findings,
      legalBasis: order.legalBasis,
      reason: order.reason,
      planDays: planOfCorrectionDays(order.policy),
      deadlineDays: order.policy.rectification.deadlineDays,
      planDeadline: order.planDeadline,
      deadline: order.deadline,
      findingId: input.findingId,
      plan,
      decision: input.decision,
      reasons: input.reasons,
    };
    const rendered = renderFindingNotice(input.notice, user.locale, params);
    const attachments = findingIcsEvents(input.notice, user.locale, params).map((e) =>
      icsAttachment(`carepact-${e.key}-deadline.ics`, {
        uid: `${input.eventKey}:${e.key}`,
        date: e.date,
        summary: e.summary,
        description: e.description,
        stamp: order.deliveredAt ?? order.createdAt,
      }),
    );
    await deps.mailer.deliver({
      idempotencyKey: `${input.eventKey}:${user.id}`,
      to: user.email,
      locale: user.locale,
      template: input.notice,
      ...rendered,
      attachments,
    });
  }
}
