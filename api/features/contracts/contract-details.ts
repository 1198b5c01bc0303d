import type { Contract } from '../../../stores/contract-store';
import type { ApiDeps } from '../../api-deps';
import { createTemplateService } from '../agreement-templates/template-service';
import { createCapacityService } from '../capacity/capacity-service';

/** What one contract shows beyond its row: the template it started from with its deviations, and a capacity warning. */
export function createContractDetails(deps: ApiDeps) {
  const templates = createTemplateService(deps);
  const capacity = createCapacityService(deps);
  return async (contract: Contract) => {
    const [template, capacityWarning] = await Promise.all([
      templates.ofContract(contract),
      capacity.warningOf(contract.id),
    ]);
    return { ...(template ? { template } : {}), ...(capacityWarning ? { capacityWarning } : {}) };
  };
}
