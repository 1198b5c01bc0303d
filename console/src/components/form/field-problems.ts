import { ApiProblem } from '../../api/problem';

export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  limit?: number | string;
}

/**
 * The API's validation errors that name `field` (a path inside the body, e.g. `staff` or
 * `actionItems.0.owner`): an error at `body.staff.2` belongs to the field `staff` too.
 */
export function problemsAt(error: unknown, field: string): FieldProblem[] {
  if (!(error instanceof ApiProblem)) return [];
  const own = `body.${field}`;
  return error.errors.filter((e) => e.path === own || e.path.startsWith(`${own}.`)) as FieldProblem[];
}

/** Errors that name no field the form shows: the form lists them in its summary instead. */
export function problemsElsewhere(error: unknown, fields: readonly string[]): FieldProblem[] {
  if (!(error instanceof ApiProblem)) return [];
  return (error.errors as FieldProblem[]).filter((e) => !fields.some((f) => problemsAt(error, f).includes(e)));
}
