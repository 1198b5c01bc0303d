import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** Names of the institutions the user may see (the first 200), to label contracts by their two parties. */
export function useInstitutionNames() {
  const institutions = useQuery({
    queryKey: ['institutions', 'names'],
    queryFn: () => unwrap(api.GET('/institutions', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  const names = new Map((institutions.data?.items ?? []).map((i) => [i.id, i.name]));
  return { institutions: institutions.data?.items ?? [], nameOf: (id: string) => names.get(id) ?? id.slice(0, 8) };
}

/** The contracts the user may see (first 200), for choosing one in a filter. */
export function useContractChoices() {
  const { nameOf } = useInstitutionNames();
  const contracts = useQuery({
    queryKey: ['contracts', 'choices'],
    queryFn: () => unwrap(api.GET('/contracts', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
  return (contracts.data?.items ?? []).map((c) => ({
    id: c.id,
    label: `${nameOf(c.careInstitutionId)} – ${nameOf(c.medicalInstitutionId)}`,
  }));
}
