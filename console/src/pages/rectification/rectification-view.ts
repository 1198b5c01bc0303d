import type { ApiPaths } from '../../api/client';

/** A rectification order as `GET /rectifications/{id}` answers it (with its enforcement clock). */
export type RectificationView =
  ApiPaths['/rectifications/{id}']['get']['responses'][200]['content']['application/json'];
