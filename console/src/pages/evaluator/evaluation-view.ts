import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';

export type Evaluation = components['schemas']['Evaluation'];
export type Scores = components['schemas']['EvaluationScores'];
/** domain/grading.ts: the three dimensions of §3.3's index, in the order the form asks for them. */
export const dimensions = [
  'serviceQuality',
  'satisfaction',
  'cooperation',
] as const satisfies readonly (keyof Scores)[];
export type Dimension = (typeof dimensions)[number];

function useInstitutionName(id: string | undefined) {
  return useQuery({
    queryKey: ['institution', id],
    queryFn: () => unwrap(api.GET('/institutions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  }).data?.name;
}

/** The contract an evaluation is of, with its two parties' names (the home first, as contracts are named). */
export function useContractParties(contractId: string) {
  const contract = useQuery({
    queryKey: ['contract', contractId],
    queryFn: () => unwrap(api.GET('/contracts/{id}', { params: { path: { id: contractId } } })),
    staleTime: 60_000,
  });
  const care = useInstitutionName(contract.data?.careInstitutionId);
  const medical = useInstitutionName(contract.data?.medicalInstitutionId);
  return { contract, care, medical, label: `${care ?? '…'} – ${medical ?? '…'}` };
}
