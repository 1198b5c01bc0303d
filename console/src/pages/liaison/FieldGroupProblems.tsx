import { useProblemText } from '../../components/form/Field';
import type { FieldProblem } from '../../components/form/field-problems';
import { ApiProblem } from '../../api/problem';

/** The API's problems with a list as a whole (e.g. "at least one staff member"), not with one of its rows. */
export function FieldGroupProblems({ error, name }: { error: unknown; name: string }) {
  const describe = useProblemText();
  if (!(error instanceof ApiProblem)) return null;
  const problems = (error.errors as FieldProblem[]).filter((e) => e.path === `body.${name}`);
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems">
      {problems.map((p) => (
        <li key={p.message}>{describe(p)}</li>
      ))}
    </ul>
  );
}
