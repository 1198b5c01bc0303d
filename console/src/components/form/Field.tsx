import { cloneElement, type ReactElement, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldProblem, problemsAt } from './field-problems';

const knownChecks = [
  'required',
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  // The API's own checks (its Problem schema names them):
  'attendee-from-each-side',
  'not-before-requested',
  'after-term-start',
  'terms-or-template',
  'calendar-date',
  'year-in-range',
] as const;
type KnownCheck = (typeof knownChecks)[number];
const isKnown = (code: string | undefined): code is KnownCheck => knownChecks.includes(code as KnownCheck);

/** A validation error in the reader's language, from its code and limit; the API's English message otherwise. */
export function useProblemText() {
  const { t } = useTranslation();
  return (p: FieldProblem) => (isKnown(p.code) ? t(`validation.${p.code}`, { limit: p.limit ?? '' }) : p.message);
}

/**
 * A labelled input with the API's problems for its field beneath it: the input is marked invalid
 * and described by them, so a screen reader reads the problem with the field.
 */
export function Field(props: {
  /** The body path the API names in its errors, e.g. `residentsSeen`. */
  name: string;
  label: string;
  hint?: string;
  error: unknown;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const describe = useProblemText();
  const problems = problemsAt(props.error, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const problemId = problems.length > 0 ? `${id}-problem` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problems.length > 0 ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {cloneElement(props.children, {
        id,
        name: props.name,
        'aria-invalid': problems.length > 0 || undefined,
        'aria-describedby': describedBy,
      })}
      {problemId && (
        <ul className="field-problems" id={problemId}>
          {problems.map((p) => (
            <li key={p.path + p.message}>{describe(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
