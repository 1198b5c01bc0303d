import { useProblemText } from '../../components/form/Field';
import type { FieldProblem } from '../../components/form/field-problems';

/** The API's problems inside a JSON document, each beside the path it names (without the `body.` prefix). */
export function PathProblems({ id, problems }: { id: string; problems: FieldProblem[] }) {
  const describe = useProblemText();
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" id={id}>
      {problems.map((p) => (
        <li key={p.path + p.message}>
          <code>{p.path.replace(/^body\.?/, '') || '/'}</code>: {describe(p)}
        </li>
      ))}
    </ul>
  );
}
