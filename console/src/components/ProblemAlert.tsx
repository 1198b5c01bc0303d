import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';
import { useProblemText } from './form/Field';
import type { FieldProblem } from './form/field-problems';

const knownCodes = [
  'sign-in-failed',
  'sign-in-throttled',
  'link-expired',
  'link-used',
  'validation-failed',
  'unauthenticated',
  'forbidden',
  'not-found',
  'csrf-token-invalid',
  'network',
] as const;
type KnownCode = (typeof knownCodes)[number];
const isKnown = (code: string): code is KnownCode => knownCodes.includes(code as KnownCode);

/** What went wrong, in the reader's language where the problem type is known, with the API's own detail. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const describe = useProblemText();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const code = problem?.code ?? '';
  const seconds = problem?.retryAfterSeconds;
  const wait =
    seconds === undefined
      ? t('time.later')
      : seconds < 120
        ? t('time.seconds', { count: seconds })
        : t('time.minutes', { count: Math.ceil(seconds / 60) });
  const summary = isKnown(code)
    ? t(`problems.${code}`, { wait })
    : t('problems.generic', { status: problem?.status ?? '?' });
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-summary">{summary}</p>
      {problem?.detail && (
        <p className="alert-detail">
          {t('problems.detail')}: {problem.detail}
        </p>
      )}
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.path}>
              <code>{e.path}</code>: {describe(e as FieldProblem)}
            </li>
          ))}
        </ul>
      )}
      {!problem && error instanceof Error && <p className="alert-detail">{error.message}</p>}
    </div>
  );
}
