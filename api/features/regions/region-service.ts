import { listActiveContractIds } from '../../../stores/contract-store';
import {
  effectivePolicy,
  findRegion,
  insertRegion,
  listRegions,
  Region,
  updateRegionPolicy,
} from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import { contractWorkflowId, policyChangedSignal } from '../../../messages/contract-messages';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import type { z } from '../../openapi';
import { ProblemError } from '../../problem';
import { assertSoundPolicy, type PolicyOverridesSchema } from '../../schemas/policy-schema';
import { createVisibility, listScope } from '../../visibility';
import { audit } from '../audit/audit-service';

type PolicyOverrides = z.infer<typeof PolicyOverridesSchema>;

export function createRegionService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = (user: User, code: string): Promise<Region> => visibility.region(user, code);

  function create(
    user: User,
    input: { code: string; name: string; remote: boolean; policy: PolicyOverrides },
  ): Promise<Region> {
    return deps.db.transaction(async (tx) => {
      assertSoundPolicy(input.policy, 'body.policy');
      if (await findRegion(tx, input.code)) throw new ProblemError('conflict', `region ${input.code} already exists`);
      const region = await insertRegion(tx, {
        code: input.code,
        name: input.name,
        remote: input.remote,
        policyOverrides: input.policy,
      });
      await audit(tx, user, { type: 'region', id: region.code }, 'region.created', {
        name: region.name,
        remote: region.remote,
      });
      return region;
    });
  }

  async function list(user: User): Promise<Region[]> {
    return listRegions(deps.db, listScope.regions(await visibility.scopeOf(user)));
  }

  /** Tells every running contract of the region its current policy; one that cannot be told is reported, not fatal. */
  async function rollOutPolicy(user: User, code: string) {
    const region = await visible(user, code);
    assertRegulates(user, code);
    // A policy stored before its rules existed is not rolled onto running contracts.
    assertSoundPolicy(region.policyOverrides, 'policyOverrides');
    const policy = effectivePolicy(region);
    const active = await listActiveContractIds(deps.db, code);
    const failed: string[] = [];
    for (const contractId of active) {
      try {
        await deps.temporal.workflow.getHandle(contractWorkflowId(contractId)).signal(policyChangedSignal, { policy });
      } catch (error) {
        deps.logger.warn({ err: error, contractId }, 'policy rollout signal failed');
        failed.push(contractId);
      }
    }
    await audit(deps.db, user, { type: 'region', id: region.code }, 'region.policy-rolled-out', {
      version: policy.version,
      contracts: active.length,
      failed,
    });
    return { policyVersion: policy.version, contractsSignalled: active.length - failed.length, failed };
  }

  function replacePolicy(user: User, code: string, overrides: PolicyOverrides): Promise<Region> {
    return deps.db.transaction(async (tx) => {
      await visible(user, code);
      assertRegulates(user, code);
      assertSoundPolicy(overrides, 'body');
      const region = await updateRegionPolicy(tx, code, overrides);
      await audit(tx, user, { type: 'region', id: region.code }, 'region.policy-changed', {
        version: region.policyVersion,
        overrides,
      });
      return region;
    });
  }

  return { create, list, visible, rollOutPolicy, replacePolicy };
}
