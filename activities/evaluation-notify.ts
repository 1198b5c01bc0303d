import { contractClock } from '../domain/clock';
import type { GradeConsequences } from '../domain/grading';
import { policyToday } from '../domain/obligations';
import { representationsDeadline } from '../domain/rectification';
import type { Db } from '../platform/db';
import { findContractWithNames } from '../stores/contract-store';
import { evaluatorsOf, findOrganization } from '../stores/evaluator-store';
import { findCycle, findEvaluation } from '../stores/evaluation-store';
import { findInstitution } from '../stores/institution-store';
import { findRectification } from '../stores/rectification-store';
import { findDecision } from '../stores/representation-store';
import { findSubmission } from '../stores/evidence-store';
import { findUsers, partyUsersOf, regulatorsOf, User } from '../stores/user-store';
import { EvaluationNoticeName, EvaluationNoticeParams, renderEvaluationNotice } from './evaluation-templates';
import type { Mailer } from './mail-activities';
import { RectificationNoticeName, renderRectificationNotice } from './rectification-templates';
import { sendFindingNotice } from './finding-notify';
import { representationsIcs } from './representation-notify';
import { consolePath } from '../domain/console-links';

const regulatorOnly = new Set<string>(['revocation-decision-due']);
const partiesOnly = new Set<string>([
  'rectification-reminder',
  'evidence-received',
  'evidence-reviewed',
  'rectification-extended',
]);

type Extra = Omit<EvaluationNoticeParams, 'recipientName' | 'link'>;

/** Who hears of an evaluation or rectification step, each in their own language, once per event. */
export function createEvaluationNotifier(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  async function send(users: User[], notice: EvaluationNoticeName, eventKey: string, link: string, extra: Extra) {
    for (const user of users) {
      const rendered = renderEvaluationNotice(notice, user.locale, {
        ...extra,
        recipientName: user.name,
        link: `${deps.publicBaseUrl}${link}`,
      });
      await deps.mailer.deliver({
        idempotencyKey: `${eventKey}:${user.id}`,
        to: user.email,
        locale: user.locale,
        template: notice,
        ...rendered,
      });
    }
  }

  async function contractName(contractId: string) {
    const { contract, medicalName, careName } = (await findContractWithNames(deps.db, contractId))!;
    return { contract, name: `${medicalName} — ${careName}` };
  }

  return {
    async toOrganization(input: {
      organizationId: string;
      notice: EvaluationNoticeName;
      eventKey: string;
      cycleId?: string;
      evaluationId?: string;
      count?: number;
      deadline?: string;
    }) {
      const users = await evaluatorsOf(deps.db, input.organizationId);
      let extra: Extra = { count: input.count, deadline: input.deadline };
      if (input.evaluationId) {
        const evaluation = (await findEvaluation(deps.db, input.evaluationId))!;
        extra = {
          ...extra,
          contractName: (await contractName(evaluation.contractId)).name,
          deadline: evaluation.deadline,
        };
      } else if (input.cycleId) {
        extra = { ...extra, deadline: (await findCycle(deps.db, input.cycleId))!.deadline };
      }
      await send(
        users,
        input.notice,
        input.eventKey,
        input.evaluationId ? consolePath.evaluation(input.evaluationId) : consolePath.cycleEvaluations(input.cycleId!),
        extra,
      );
    },

    async toRegulators(input: {
      regionCode: string;
      notice: EvaluationNoticeName;
      eventKey: string;
      cycleId?: string;
      evaluationId?: string;
      deadline?: string;
      organizationId?: string;
      summary?: unknown;
    }) {
      let extra: Extra = {
        deadline: input.deadline,
        summary: input.summary ? JSON.stringify(input.summary) : undefined,
      };
      if (input.organizationId) extra.organizationName = (await findOrganization(deps.db, input.organizationId))?.name;
      if (input.evaluationId) {
        extra = {
          ...extra,
          contractName: (await contractName((await findEvaluation(deps.db, input.evaluationId))!.contractId)).name,
        };
      }
      await send(
        await regulatorsOf(deps.db, input.regionCode),
        input.notice,
        input.eventKey,
        input.evaluationId ? consolePath.evaluation(input.evaluationId) : consolePath.cycle(input.cycleId!),
        extra,
      );
    },

    async toContractParties(input: {
      contractId: string;
      evaluationId: string;
      notice: EvaluationNoticeName;
      eventKey: string;
      grade?: string;
      weightedScore?: number;
      consequences?: GradeConsequences;
    }) {
      const { contract, name } = await contractName(input.contractId);
      const users = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
      await send(users, input.notice, input.eventKey, consolePath.evaluation(input.evaluationId), {
        contractName: name,
        grade: input.grade,
        weightedScore: input.weightedScore,
        consequences: input.consequences,
      });
    },

    async aboutRectification(input: {
      rectificationId: string;
      notice: EvaluationNoticeName | RectificationNoticeName;
      eventKey: string;
      submissionId?: string;
      reasons?: string;
      decision?: string;
      daysLeft?: number;
    }) {
      const order = (await findRectification(deps.db, input.rectificationId))!;
      const { contract, name } = await contractName(order.contractId);
      const liaisons = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
      const parties = await partyUsersOf(deps.db, [contract.medicalInstitutionId, contract.careInstitutionId]);
      const regulators = await regulatorsOf(deps.db, contract.regionCode);
      const users = regulatorOnly.has(input.notice)
        ? regulators
        : partiesOnly.has(input.notice)
          ? [...parties, ...liaisons]
          : [...parties, ...liaisons, ...regulators];
      if (input.notice === 'rectification-ordered' && order.itemized)
        return sendFindingNotice(deps, { ...input, notice: 'rectification-ordered' });
      if (input.notice === 'rectification-ordered') {
        return send(users, input.notice, input.eventKey, consolePath.rectification(order.id), {
          contractName: name,
          deadline: order.deadline,
          findings: order.findings.map((f) => `${f.finding} → ${f.requiredCorrection}`).join('; '),
        });
      }
      const submission = input.submissionId ? await findSubmission(deps.db, input.submissionId) : undefined;
      const receipt = submission
        ? [
            `${submission.receivedAt} · ${submission.id}`,
            ...submission.files.map((f) => `${f.filename} · ${f.contentType} · ${f.size} B · sha256 ${f.sha256}`),
          ].join('\n')
        : undefined;
      // A notice's representations deadline runs from its sending (issue 12): sent now, it ends then.
      const representationsBy =
        order.representationsDeadline ??
        (input.notice === 'revocation-notice'
          ? representationsDeadline(policyToday(contractClock(contract), Date.now()), order.policy)
          : undefined);
      const decided = input.notice === 'qualification-revoked' ? await findDecision(deps.db, order.id) : undefined;
      const revokedInstitutionNames = decided?.institutionIds
        ? (await Promise.all(decided.institutionIds.map((id) => findInstitution(deps.db, id))))
            .map((institution, i) => institution?.name ?? decided.institutionIds![i])
            .join(', ')
        : undefined;
      const attachments =
        input.notice === 'revocation-notice' && representationsBy
          ? [representationsIcs(order.id, representationsBy, order.createdAt, name)]
          : [];
      for (const user of users) {
        const rendered = renderRectificationNotice(input.notice as RectificationNoticeName, user.locale, {
          recipientName: user.name,
          link: `${deps.publicBaseUrl}${consolePath.rectification(order.id)}`,
          contractName: name,
          deadline: order.deadline,
          daysLeft: input.daysLeft,
          reasons: input.reasons,
          decision: input.decision,
          receipt,
          representationsDeadline: representationsBy,
          representationsDays: order.policy.rectification.representationsDays,
          revokedInstitutionNames,
          maxExtensions: order.policy.rectification.maxExtensions,
        });
        await deps.mailer.deliver({
          idempotencyKey: `${input.eventKey}:${user.id}`,
          to: user.email,
          locale: user.locale,
          template: input.notice,
          ...rendered,
          attachments,
        });
      }
    },
  };
}

export type EvaluationNotifier = ReturnType<typeof createEvaluationNotifier>;
