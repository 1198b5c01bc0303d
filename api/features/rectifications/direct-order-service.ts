import { contractClock } from '../../../domain/clock';
import { isInForce } from '../../../domain/contract';
import { policyToday } from '../../../domain/obligations';
import type { FindingInput } from '../../../domain/rectification-findings';
import { rectificationDeadline } from '../../../domain/rectification';
import { processSearchAttributes } from '../../../domain/search-attributes';
import { findRectification, insertDirectOrder, openOrderOf } from '../../../stores/rectification-store';
import type { User } from '../../../stores/user-store';
import { rectificationWorkflowId } from '../../../messages/evaluation-messages';
import type { RectificationWorkflowInput } from '../../../messages/rectification-messages';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { audit } from '../audit/audit-service';

/**
 * A regulator's own rectification order on a contract in force (issue 12 item 3), e.g. after
 * repeated missed obligations or a complaint: its findings and legal basis, the same process as an
 * evaluation's order.
 */
export function createDirectOrderService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);

  async function issue(
    user: User,
    contractId: string,
    body: { findings: FindingInput[]; legalBasis: string; reason: string },
  ) {
    const contract = await visibility.contract(user, contractId);
    assertRegulates(user, contract.regionCode);
    if (!isInForce(contract.status))
      throw new ProblemError(
        'contract-not-active',
        `a rectification order needs a contract in force; this one is ${contract.status}`,
      );
    const open = await openOrderOf(deps.db, contractId);
    if (open)
      throw new ProblemError('conflict', `the contract already has an open rectification order ${open}`, {
        rectificationId: open,
      });
    const issuedOn = policyToday(contractClock(contract), Date.now());
    const id = await deps.db.transaction(async (tx) => {
      const rectificationId = await insertDirectOrder(tx, {
        contractId,
        regionCode: contract.regionCode,
        findings: body.findings,
        legalBasis: body.legalBasis,
        reason: body.reason,
        issuedBy: user.id,
        issuedOn,
        deadline: rectificationDeadline(issuedOn, contract.policy),
        policy: contract.policy,
      });
      const input: RectificationWorkflowInput = { rectificationId, contractId };
      // Started inside the transaction: if Temporal refuses, the row is rolled back and nothing exists.
      await deps.temporal.workflow.start('rectificationWorkflow', {
        workflowId: rectificationWorkflowId(rectificationId),
        taskQueue: deps.taskQueue,
        args: [input],
        typedSearchAttributes: processSearchAttributes({
          kind: 'rectification',
          status: 'awaiting-evidence',
          regionCode: contract.regionCode,
          contractId,
        }),
      });
      await audit(tx, user, { type: 'contract', id: contractId }, 'rectification.ordered', {
        rectificationId,
        origin: 'regulator',
        legalBasis: body.legalBasis,
        findings: body.findings.length,
      });
      return rectificationId;
    });
    return (await findRectification(deps.db, id))!;
  }

  return { issue };
}
