import { CAPACITY_WARNING_TEMPLATE, capacityTemplates } from '../../../activities/capacity-templates';
import { createMailer } from '../../../activities/mail-activities';
import { capacityVerdict, maxVisitsPerStaffOf, sameArithmetic } from '../../../domain/capacity';
import {
  type CapacityStage,
  type CapacityWarningRow,
  findCapacityWarning,
  insertCapacityWarning,
  latestCapacityWarning,
  otherContractsVisitsPerMonth,
} from '../../../stores/capacity-store';
import { type Contract, findContract } from '../../../stores/contract-store';
import { findInstitution } from '../../../stores/institution-store';
import { enqueueMail } from '../../../stores/outbox-store';
import { regulatorsOf } from '../../../stores/user-store';
import { type ApiDeps, resolvedSettings } from '../../api-deps';
import { consolePath } from '../../../domain/console-links';

export type CapacityWarningView = Omit<CapacityWarningRow, 'contractId' | 'institutionId'>;

/**
 * The capacity check (domain/capacity.ts) at drafting and after each signature: a warning, never a
 * block. Exceeded → one row per contract and stage, and a mail to the region's regulators keyed by
 * it; a hospital that declared no committed staff is not checked.
 */
export function createCapacityService(deps: ApiDeps) {
  const settings = resolvedSettings(deps);
  const mailer = deps.mailTransport
    ? createMailer({ db: deps.db, transport: deps.mailTransport, mailFrom: settings.mailFrom, logger: deps.logger })
    : undefined;

  async function mailRegulators(contract: Contract, row: CapacityWarningRow) {
    const [medical, care] = await Promise.all([
      findInstitution(deps.db, contract.medicalInstitutionId),
      findInstitution(deps.db, contract.careInstitutionId),
    ]);
    for (const regulator of await regulatorsOf(deps.db, contract.regionCode)) {
      const rendered = capacityTemplates[regulator.locale]({
        recipientName: regulator.name,
        medicalName: medical?.name ?? contract.medicalInstitutionId,
        careName: care?.name ?? contract.careInstitutionId,
        regionCode: contract.regionCode,
        stage: row.stage,
        warning: row,
        contractUrl: `${settings.publicBaseUrl}${consolePath.contract(contract.id)}`,
      });
      const mail = {
        idempotencyKey: `capacity-warning:${contract.id}:${row.stage}:${regulator.id}`,
        to: regulator.email,
        locale: regulator.locale,
        template: CAPACITY_WARNING_TEMPLATE,
        ...rendered,
      };
      // Queued first: a relay that fails now leaves the mail pending in the outbox, not the request failed.
      await enqueueMail(deps.db, {
        idempotencyKey: mail.idempotencyKey,
        toAddress: mail.to,
        locale: mail.locale,
        template: mail.template,
        subject: mail.subject,
        bodyText: mail.text,
        attachments: [],
      });
      if (!mailer) continue;
      await mailer.deliver(mail).catch((error: Error) => {
        deps.logger.warn({ err: error, key: mail.idempotencyKey }, 'capacity warning mail stays pending in the outbox');
      });
    }
  }

  /**
   * After a draft was stored or a signature accepted: the check is a warning, so its failure is
   * logged and never becomes the answer to the draft or the signature.
   */
  async function checkQuietly(contractId: string, stage: CapacityStage): Promise<void> {
    try {
      const contract = await findContract(deps.db, contractId);
      if (contract) await check(contract, stage);
    } catch (error) {
      deps.logger.error({ err: error, contractId, stage }, 'capacity check failed');
    }
  }

  /** Checks the contract as it stands; answers this stage's warning (recorded now or before) when exceeded. */
  async function check(contract: Contract, stage: CapacityStage): Promise<CapacityWarningRow | undefined> {
    const hospital = await findInstitution(deps.db, contract.medicalInstitutionId);
    const verdict = capacityVerdict({
      visitsPerMonth: contract.terms.visitFrequency.homeVisitsPerMonth,
      otherContractsVisitsPerMonth: await otherContractsVisitsPerMonth(
        deps.db,
        contract.medicalInstitutionId,
        contract.id,
      ),
      committedStaff: hospital?.medical?.committedMedicalStaff ?? null,
      maxVisitsPerStaff: maxVisitsPerStaffOf(contract.policy),
    });
    if (verdict.kind !== 'exceeded') return undefined;
    if (stage === 'sign') {
      // Signing repeats drafting's warning only when the arithmetic changed since (e.g. another contract drafted).
      const drafted = await findCapacityWarning(deps.db, contract.id, 'draft');
      if (drafted && sameArithmetic(drafted, verdict.warning)) return drafted;
    }
    const row: CapacityWarningRow = {
      ...verdict.warning,
      contractId: contract.id,
      institutionId: contract.medicalInstitutionId,
      stage,
      at: settings.now().toISOString(),
    };
    // Mailed from the stored row on every pass: a retry after a crash still mails, the outbox keys keep it once.
    const stored = await insertCapacityWarning(deps.db, row);
    await mailRegulators(contract, stored);
    return stored;
  }

  /** What GET /contracts/{id} shows: the latest warning, signing's over drafting's. */
  async function warningOf(contractId: string): Promise<CapacityWarningView | undefined> {
    const row = await latestCapacityWarning(deps.db, contractId);
    if (!row) return undefined;
    const { contractId: _c, institutionId: _i, ...view } = row;
    return view;
  }

  return { check, checkQuietly, warningOf };
}
