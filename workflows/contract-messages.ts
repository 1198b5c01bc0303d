import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ContractStatus, SignatureRecord } from '../domain/contract';

export interface SignArgs {
  institutionId: string;
  userId: string;
}

export interface TerminateArgs {
  reason: string;
  userId: string;
  role: string;
}

export interface ContractProcessView {
  contractId: string;
  status: ContractStatus;
  signingDeadline: string;
  signatures: SignatureRecord[];
  expiresAt?: string;
}

export const signUpdate = defineUpdate<ContractProcessView, [SignArgs]>('sign');
export const terminateUpdate = defineUpdate<ContractProcessView, [TerminateArgs]>('terminate');
export const contractStateQuery = defineQuery<ContractProcessView>('state');

export const contractWorkflowId = (contractId: string) => `contract-${contractId}`;
