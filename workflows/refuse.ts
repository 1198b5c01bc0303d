import * as wf from '@temporalio/workflow';
import type { Rejection } from '../domain/contract';

/** A validator's refusal: the caller of the update gets it at once, and nothing is recorded. */
export function refuse(rejection: Rejection | undefined): void {
  if (rejection)
    throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
}
