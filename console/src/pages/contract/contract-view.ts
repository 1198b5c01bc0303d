import type { ApiPaths } from '../../api/client';

/** A contract as `GET /contracts/{id}` answers it. */
export type ContractView = ApiPaths['/contracts/{id}']['get']['responses'][200]['content']['application/json'];
