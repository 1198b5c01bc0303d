import type { Db } from '../platform/db';
import { findContract } from '../stores/contract-store';
import { evaluatorsOf, findOrganization } from '../stores/evaluator-store';
import { findInstitution } from '../stores/institution-store';
import { findCycle, findEvaluation } from '../stores/evaluation-store';
import { findRectification } from '../stores/rectification-store';
import { findUsers, regulatorsOf, User } from '../stores/user-store';
import { EvaluationNoticeName, EvaluationNoticeParams, renderEvaluationNotice } from './evaluation-templates';
import type { Mailer } from './mail-activities';

type Extra = Omit<EvaluationNoticeParams, 'recipientName' | 'link'>;

/** Who hears of an evaluation or rectification step, each in their own language, once per event. */
export function createEvaluationNotifier(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  async function send(users: User[], notice: EvaluationNoticeName, eventKey: string, link: string, extra: Extra) {
    for (const user of users) {
      const rendered = renderEvaluationNotice(notice, user.locale, { ...extra, recipientName: user.name, link: `${deps.publicBaseUrl}${link}` });
      await deps.mailer.deliver({ idempotencyKey: `${eventKey}:${user.id}`, to: user.email, locale: user.locale, template: notice, ...rendered });
    }
  }

  async function contractName(contractId: string) {
    const contract = (await findContract(deps.db, contractId))!;
    const [medical, care] = await Promise.all([findInstitution(deps.db, contract.medicalInstitutionId), findInstitution(deps.db, contract.careInstitutionId)]);
    return { contract, name: `${medical?.name} — ${care?.name}` };
  }

  return {
    async toOrganization(input: { organizationId: string; notice: EvaluationNoticeName; eventKey: string; cycleId?: string; evaluationId?: string; count?: number; deadline?: string }) {
      const users = await evaluatorsOf(deps.db, input.organizationId);
      let extra: Extra = { count: input.count, deadline: input.deadline };
      if (input.evaluationId) {
        const evaluation = (await findEvaluation(deps.db, input.evaluationId))!;
        extra = { ...extra, contractName: (await contractName(evaluation.contractId)).name, deadline: evaluation.deadline };
      } else if (input.cycleId) {
        extra = { ...extra, deadline: (await findCycle(deps.db, input.cycleId))!.deadline };
      }
      await send(users, input.notice, input.eventKey, input.evaluationId ? `/evaluations/${input.evaluationId}` : `/evaluations?cycleId=${input.cycleId}`, extra);
    },

    async toRegulators(input: { regionCode: string; notice: EvaluationNoticeName; eventKey: string; cycleId?: string; evaluationId?: string; deadline?: string; organizationId?: string; summary?: unknown }) {
      let extra: Extra = { deadline: input.deadline, summary: input.summary ? JSON.stringify(input.summary) : undefined };
      if (input.organizationId) extra.organizationName = (await findOrganization(deps.db, input.organizationId))?.name;
      if (input.evaluationId) {
        extra = { ...extra, contractName: (await contractName((await findEvaluation(deps.db, input.evaluationId))!.contractId)).name };
      }
      await send(await regulatorsOf(deps.db, input.regionCode), input.notice, input.eventKey, input.evaluationId ? `/evaluations/${input.evaluationId}` : `/evaluation-cycles/${input.cycleId}`, extra);
    },

    async toContractParties(input: { contractId: string; evaluationId: string; notice: EvaluationNoticeName; eventKey: string; grade?: string; weightedScore?: number }) {
      const { contract, name } = await contractName(input.contractId);
      const users = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
      await send(users, input.notice, input.eventKey, `/evaluations/${input.evaluationId}`, { contractName: name, grade: input.grade, weightedScore: input.weightedScore });
    },

    async aboutRectification(input: { rectificationId: string; notice: EvaluationNoticeName; eventKey: string }) {
      const order = (await findRectification(deps.db, input.rectificationId))!;
      const { contract, name } = await contractName(order.contractId);
      const users = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
      users.push(...(await regulatorsOf(deps.db, contract.regionCode)));
      await send(users, input.notice, input.eventKey, `/rectifications/${order.id}`, { contractName: name, deadline: order.deadline, findings: order.findings.map((f) => f.finding).join('; ') });
    },
  };
}

export type EvaluationNotifier = ReturnType<typeof createEvaluationNotifier>;
