import { contractClock } from '../../../domain/clock';
import { annualSubsidy, gradeForSubsidyYear } from '../../../domain/subsidy';
import { findContractGrade } from '../../../stores/contract-store';
import { listContractGrades } from '../../../stores/evaluation-store';
import { findInstitution } from '../../../stores/institution-store';
import { findRegion } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { createContractService } from '../contracts/contract-service';

export function createSubsidyService(deps: ApiDeps) {
  const contracts = createContractService(deps);

  /** The year's subsidy of a contract the caller may see, with every factor it went by. */
  async function annual(user: User, contractId: string, year: number) {
    const contract = await contracts.visibleContract(user, contractId);
    const [care, region, current, given] = await Promise.all([
      findInstitution(deps.db, contract.careInstitutionId),
      findRegion(deps.db, contract.regionCode),
      findContractGrade(deps.db, contract.id),
      listContractGrades(deps.db, contract.id),
    ]);
    const grade = gradeForSubsidyYear(year, given, current!.lastGrade, contractClock(contract), Date.now());
    const breakdown = annualSubsidy({
      residents: care!.care!.residents,
      baseRateFen: contract.policy.subsidy.baseRateFenPerResident,
      ownership: care!.care!.ownership,
      remote: region!.remote,
      grade,
      policy: contract.policy,
    });
    return {
      contractId: contract.id,
      year,
      regionCode: contract.regionCode,
      careInstitutionId: care!.id,
      grade,
      policyVersion: contract.policy.version,
      ...breakdown,
    };
  }

  return { annual };
}
