import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The regions the signed-in user may see (a regulator's own, every one for the admin). */
export function useRegions() {
  const regions = useQuery({ queryKey: ['regions'], queryFn: () => unwrap(api.GET('/regions')) });
  return regions.data?.items ?? [];
}
