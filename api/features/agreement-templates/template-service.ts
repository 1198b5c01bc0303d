import type { AgreementTerms } from '../../../domain/agreement';
import { termDeviations, type TermDeviation } from '../../../domain/agreement-template';
import {
  type AgreementTemplate,
  findTemplate,
  insertNextTemplate,
  listTemplates,
  lockRegionForTemplates,
  templateVersions,
} from '../../../stores/agreement-template-store';
import type { Contract } from '../../../stores/contract-store';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { assertAgreementFloors } from '../contracts/agreement-floor-problem';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { audit } from '../audit/audit-service';

export interface ContractTemplate {
  regionCode: string;
  version: number;
  deviations: TermDeviation[];
}

export function createTemplateService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);

  async function publish(user: User, regionCode: string, input: { terms: AgreementTerms; note?: string }) {
    await visibility.region(user, regionCode);
    assertRegulates(user, regionCode);
    // A template is what drafts start from: it may not promise less than the region's floors either.
    assertAgreementFloors(input.terms, effectivePolicy((await findRegion(deps.db, regionCode))!));
    return deps.db.transaction(async (tx) => {
      await lockRegionForTemplates(tx, regionCode);
      const template = await insertNextTemplate(tx, { regionCode, ...input, publishedBy: user.id });
      await audit(tx, user, { type: 'region', id: regionCode }, 'agreement-template.published', {
        version: template.version,
        ...(input.note ? { note: input.note } : {}),
      });
      return template;
    });
  }

  async function list(user: User, regionCode: string): Promise<AgreementTemplate[]> {
    await visibility.region(user, regionCode);
    return listTemplates(deps.db, regionCode);
  }

  async function one(user: User, regionCode: string, version: number): Promise<AgreementTemplate> {
    await visibility.region(user, regionCode);
    const template = await findTemplate(deps.db, regionCode, version);
    if (!template)
      throw new ProblemError(
        'not-found',
        `region ${regionCode} has published no agreement template version ${version}`,
      );
    return template;
  }

  /**
   * The terms a draft agrees to: as given, or the template's when only a version is named. A version
   * the region never published is refused, naming those it did.
   */
  async function termsForDraft(
    regionCode: string,
    body: { terms?: AgreementTerms; templateVersion?: number },
  ): Promise<{ terms: AgreementTerms; templateVersion?: number }> {
    if (body.templateVersion === undefined) return { terms: body.terms! };
    const template = await findTemplate(deps.db, regionCode, body.templateVersion);
    if (!template) {
      const available = await templateVersions(deps.db, regionCode);
      throw new ProblemError(
        'unknown-template-version',
        `templateVersion: region ${regionCode} has published no agreement template version ${body.templateVersion}; ` +
          (available.length ? `available: ${available.join(', ')}` : 'it has published none yet'),
        { availableVersions: available },
      );
    }
    return { terms: body.terms ?? template.terms, templateVersion: template.version };
  }

  /** The template a contract started from, with every deviation of its terms; undefined when none. */
  async function ofContract(
    contract: Pick<Contract, 'regionCode' | 'templateVersion' | 'terms'>,
  ): Promise<ContractTemplate | undefined> {
    if (contract.templateVersion === undefined) return undefined;
    const template = await findTemplate(deps.db, contract.regionCode, contract.templateVersion);
    if (!template) return undefined;
    return {
      regionCode: template.regionCode,
      version: template.version,
      deviations: termDeviations(template.terms, contract.terms),
    };
  }

  return { publish, list, one, termsForDraft, ofContract };
}
