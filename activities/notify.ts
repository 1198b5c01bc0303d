import type { Db } from '../platform/db';
import { findContractWithNames } from '../stores/contract-store';
import { findUsers, regulatorsOf, User } from '../stores/user-store';
import { icsAttachment } from './ics';
import type { Mailer } from './mail-activities';
import { ladderOf, NoticeName, NoticeParams, renderNotice } from './notice-templates';
import { consolePath } from '../domain/console-links';
import { missingRow } from './missing-row';

export type Audience = 'liaisons' | 'liaisons-and-regulators';

export interface NoticeInput {
  contractId: string;
  notice: NoticeName;
  /** Identifies this notice among all others; the outbox key is `<eventKey>:<recipient id>`. */
  eventKey: string;
  audience: Audience;
  params?: Omit<Partial<NoticeParams>, 'recipientName' | 'medicalName' | 'careName' | 'contractUrl'>;
  /** The policy-time instant the notice concerns, for the calendar entry's DTSTAMP (deterministic on retry). */
  stamp: string;
}

export function createNotifier(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  async function recipients(contractId: string, audience: Audience) {
    const found = await findContractWithNames(deps.db, contractId);
    if (!found) throw missingRow(`contract ${contractId} not found`, 'ContractNotFound');
    const { contract } = found;
    const users: User[] = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
    if (audience === 'liaisons-and-regulators') users.push(...(await regulatorsOf(deps.db, contract.regionCode)));
    return { ...found, users };
  }

  /** Mails a notice to each recipient in their language, with a calendar entry for deadlines. */
  async function notify(input: NoticeInput): Promise<number> {
    const { contract, users, medicalName, careName } = await recipients(input.contractId, input.audience);
    for (const user of users) {
      const rendered = renderNotice(input.notice, user.locale, {
        ...input.params,
        // The ladder the notice states is the contract's own policy, whatever region it is in.
        ladder: ladderOf(contract.policy),
        recipientName: user.name,
        medicalName,
        careName,
        contractUrl: `${deps.publicBaseUrl}${consolePath.contract(contract.id)}`,
      });
      const attachments = rendered.ics
        ? [icsAttachment('carepact-deadline.ics', { uid: input.eventKey, stamp: input.stamp, ...rendered.ics })]
        : [];
      await deps.mailer.deliver({
        idempotencyKey: `${input.eventKey}:${user.id}`,
        to: user.email,
        locale: user.locale,
        template: input.notice,
        subject: rendered.subject,
        text: rendered.text,
        attachments,
      });
    }
    return users.length;
  }

  return { notify };
}
