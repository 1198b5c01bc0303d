import type { Db } from '../platform/db';
import { findContractWithNames } from '../stores/contract-store';
import { findInstitution } from '../stores/institution-store';
import { findRectification } from '../stores/rectification-store';
import type { Representation } from '../stores/representation-store';
import { findUsers, partyUsersOf, regulatorsOf, type User } from '../stores/user-store';
import { icsAttachment } from './ics';
import type { Mailer } from './mail-activities';
import type { OutboxAttachment } from '../stores/outbox-store';
import {
  type RepresentationNoticeName,
  type RepresentationNoticeParams,
  renderRepresentationNotice,
} from './representation-templates';
import { consolePath } from '../domain/console-links';

/** The one calendar entry of an order's representations deadline: every mail carrying it updates the same event. */
export const representationsIcsUid = (rectificationId: string) => `rectification:${rectificationId}:representations`;

export function representationsIcs(
  rectificationId: string,
  deadline: string,
  stamp: string,
  contractName: string,
): OutboxAttachment {
  return icsAttachment('carepact-representations-deadline.ics', {
    uid: representationsIcsUid(rectificationId),
    date: deadline,
    stamp,
    summary: `Representations due / 陈述申辩截止: ${contractName}`,
    alarmDaysBefore: 1,
  });
}

type Extra = Omit<RepresentationNoticeParams, 'recipientName' | 'link' | 'contractName'>;

export function receiptText(r: Representation): string {
  return [
    `${r.receivedAt} · ${r.id}`,
    ...(r.textSha256 ? [`text · ${r.textLength} characters · sha256 ${r.textSha256}`] : []),
    ...r.files.map((f) => `${f.filename} · ${f.contentType} · ${f.size} B · sha256 ${f.sha256}`),
  ].join('\n');
}

/** Who hears of the notice step, each in their own language, once per event (outbox key `<eventKey>:<user>`). */
export function createRepresentationNotifier(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  async function send(
    users: User[],
    notice: RepresentationNoticeName,
    eventKey: string,
    link: string,
    contractName: string,
    extra: Extra,
    attachments: OutboxAttachment[] = [],
  ) {
    for (const user of users) {
      const rendered = renderRepresentationNotice(notice, user.locale, {
        ...extra,
        recipientName: user.name,
        contractName,
        link: `${deps.publicBaseUrl}${link}`,
      });
      await deps.mailer.deliver({
        idempotencyKey: `${eventKey}:${user.id}`,
        to: user.email,
        locale: user.locale,
        template: notice,
        ...rendered,
        attachments,
      });
    }
  }

  async function audienceOf(contractId: string, withRegulators: boolean) {
    const { contract, medicalName, careName } = (await findContractWithNames(deps.db, contractId))!;
    const liaisons = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
    const parties = await partyUsersOf(deps.db, [contract.medicalInstitutionId, contract.careInstitutionId]);
    const regulators = withRegulators ? await regulatorsOf(deps.db, contract.regionCode) : [];
    return { contract, name: `${medicalName} — ${careName}`, users: [...parties, ...liaisons, ...regulators] };
  }

  return {
    /** A representation filed or a declaration of none: both parties and the regulators hear of it. */
    async heard(input: { representation: Representation; eventKey: string }) {
      const r = input.representation;
      const order = (await findRectification(deps.db, r.rectificationId))!;
      const { name, users } = await audienceOf(order.contractId, true);
      const institutionName = (await findInstitution(deps.db, r.institutionId))?.name ?? r.institutionId;
      await send(
        users,
        r.kind === 'filed' ? 'representations-received' : 'representations-waived',
        input.eventKey,
        consolePath.rectification(order.id),
        name,
        { institutionName, receipt: receiptText(r), representationsDeadline: order.representationsDeadline },
      );
    },

    /** Before the window closes: the parties, with the deadline as a calendar entry. */
    async reminder(input: { rectificationId: string; eventKey: string; daysLeft: number; stamp: string }) {
      const order = (await findRectification(deps.db, input.rectificationId))!;
      const { name, users } = await audienceOf(order.contractId, false);
      const deadline = order.representationsDeadline!;
      await send(
        users,
        'representations-reminder',
        input.eventKey,
        consolePath.rectification(order.id),
        name,
        { representationsDeadline: deadline, daysLeft: input.daysLeft },
        [representationsIcs(order.id, deadline, input.stamp, name)],
      );
    },

    /** Another contract the revocation ended: its liaison officers and the region's regulators. */
    async reach(input: {
      rectificationId: string;
      contractId: string;
      revokedInstitutionIds: string[];
      reasons: string;
      eventKey: string;
    }) {
      const order = (await findRectification(deps.db, input.rectificationId))!;
      const orderContract = await findContractWithNames(deps.db, order.contractId);
      const { contract, medicalName, careName } = (await findContractWithNames(deps.db, input.contractId))!;
      const users = [
        ...(await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId])),
        ...(await regulatorsOf(deps.db, contract.regionCode)),
      ];
      const revoked = await Promise.all(input.revokedInstitutionIds.map((id) => findInstitution(deps.db, id)));
      await send(
        users,
        'revocation-reach',
        input.eventKey,
        consolePath.contract(contract.id),
        `${medicalName} — ${careName}`,
        {
          reasons: input.reasons,
          revokedInstitutionName: revoked.map((i, n) => i?.name ?? input.revokedInstitutionIds[n]).join(', '),
          orderContractName: orderContract
            ? `${orderContract.medicalName} — ${orderContract.careName}`
            : order.contractId,
        },
      );
    },
  };
}

export type RepresentationNotifier = ReturnType<typeof createRepresentationNotifier>;
