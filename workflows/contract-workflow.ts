import * as wf from '@temporalio/workflow';
import { Contract } from './contract-entity';
import { refuse } from './refuse';
import {
  actionItemsAddedSignal,
  answerRenewalUpdate,
  approvalDecisionUpdate,
  contractGradedSignal,
  contractStateQuery,
  itemClosedSignal,
  policyChangedSignal,
  proposeRenewalUpdate,
  qualificationRevokedSignal,
  rectificationClosedSignal,
  rectificationOpenedSignal,
  renewUpdate,
  requestRaisedSignal,
  signUpdate,
  terminateUpdate,
  type ContractWorkflowInput,
} from '../messages/contract-messages';

/** The whole life of one cooperation contract, from draft to its end (DOMAIN.md lifecycle). */
export async function contractWorkflow(input: ContractWorkflowInput): Promise<string> {
  const contract = new Contract(input);

  wf.setHandler(contractStateQuery, () => contract.view());
  // Commands are updates with validators: the caller hears yes or no at once, and a no changes nothing.
  wf.setHandler(signUpdate, (args) => contract.sign(args), { validator: (args) => contract.validateSign(args) });
  wf.setHandler(terminateUpdate, (args) => contract.terminate(args), {
    validator: (args) => contract.validateTerminate(args),
  });
  // Kept for runs from before renewal needed both parties: their histories may hold it.
  wf.setHandler(renewUpdate, (args) => contract.renew(args), { validator: (args) => contract.validateRenew(args) });
  // Approval (备案) and renewal by both parties answer with the contract as the command left it.
  const { approval, renewals } = contract;
  const answering =
    <A>(command: (args: A) => Promise<void>) =>
    async (args: A) => {
      await command(args);
      return contract.view();
    };
  wf.setHandler(
    approvalDecisionUpdate,
    answering((args) => approval.decide(args)),
    { validator: (args) => refuse(approval.rejection(args)) },
  );
  wf.setHandler(
    proposeRenewalUpdate,
    answering((args) => renewals.propose(args)),
    { validator: (args) => refuse(renewals.proposalRejection(args)) },
  );
  wf.setHandler(
    answerRenewalUpdate,
    answering((args) => renewals.answer(args)),
    { validator: (args) => refuse(renewals.answerRejection(args)) },
  );
  // Facts already written to Postgres, which the contract re-reads at each month's end anyway.
  wf.setHandler(requestRaisedSignal, (args) => contract.requestRaised(args));
  wf.setHandler(actionItemsAddedSignal, (args) => contract.actionItemsAdded(args));
  wf.setHandler(itemClosedSignal, (args) => contract.itemClosed(args));
  wf.setHandler(policyChangedSignal, (args) => contract.policyChanged(args));
  // News from its evaluations and rectification orders.
  wf.setHandler(contractGradedSignal, (args) => contract.graded(args));
  wf.setHandler(rectificationOpenedSignal, (args) => contract.rectificationOpened(args));
  wf.setHandler(rectificationClosedSignal, (args) => contract.rectificationClosed(args));
  wf.setHandler(qualificationRevokedSignal, (args) => contract.qualificationRevoked(args));

  // Draft → active when both parties sign before the deadline (and, where the policy requires it, a
  // regulator approves), else lapsed. A continued run is already in force.
  if (!contract.isContinued) await contract.awaitSignatures();
  // In force — active, or rectifying while an order is open: each month, quarter and year closes its
  // obligations, with reminders before and escalation after; a renewal moves the term's end; each
  // month is one run (continue-as-new). It ends by expiry at the term's end, termination or revocation.
  if (contract.inForce) await contract.runTerm();

  await wf.condition(wf.allHandlersFinished);
  return contract.status;
}
