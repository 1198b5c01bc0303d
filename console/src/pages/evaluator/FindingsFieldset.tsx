import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi';
import { Field, useProblemText } from '../../components/form/Field';
import { problemsAt } from '../../components/form/field-problems';
import './evaluator.css';

export type FindingDraft = components['schemas']['FindingInput'];
type Side = FindingDraft['responsibleSide'];
/* `satisfies Record<…>` fails the typecheck when the API names a new side, so none goes unlabelled. */
const sidesOffered = { medical: true, care: true, both: true } satisfies Record<Side, true>;
const sides = Object.keys(sidesOffered) as Side[];

export const emptyFinding = (): FindingDraft => ({
  indicator: '',
  problem: '',
  requiredCorrection: '',
  responsibleSide: 'both',
});

/**
 * Itemized findings, each with the indicator found wanting, the problem, the correction required
 * and the side that must correct it (an Unqualified grade orders each corrected on its own). The
 * API's problems show beside each field: `name` is the body path of the list (e.g. `findings`).
 */
export function FindingsFieldset(props: {
  findings: FindingDraft[];
  onChange: (findings: FindingDraft[]) => void;
  error: unknown;
  name?: string;
  legend?: string;
}) {
  const { t } = useTranslation();
  const name = props.name ?? 'findings';
  const change = (index: number, patch: Partial<FindingDraft>) =>
    props.onChange(props.findings.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const describe = useProblemText();
  // Problems of the list as a whole (too many); an empty list is the caller's to explain.
  const listProblems =
    props.findings.length > 0 ? problemsAt(props.error, name).filter((p) => p.path === `body.${name}`) : [];
  return (
    <fieldset className="findings-fieldset">
      <legend>{props.legend ?? t('evaluator.findings.legend')}</legend>
      {props.findings.length === 0 && <p className="hint">{t('evaluator.findings.none')}</p>}
      <ol className="findings-list">
        {props.findings.map((finding, i) => (
          <li key={i} className="finding-item">
            <h4 className="finding-title">{t('evaluator.findings.item', { n: i + 1 })}</h4>
            <Field name={`${name}.${i}.indicator`} label={t('evaluator.findings.indicator')} error={props.error}>
              <input
                type="text"
                maxLength={200}
                value={finding.indicator}
                onChange={(e) => change(i, { indicator: e.target.value })}
              />
            </Field>
            <Field name={`${name}.${i}.problem`} label={t('evaluator.findings.problem')} error={props.error}>
              <textarea rows={2} value={finding.problem} onChange={(e) => change(i, { problem: e.target.value })} />
            </Field>
            <Field
              name={`${name}.${i}.requiredCorrection`}
              label={t('evaluator.findings.requiredCorrection')}
              error={props.error}
            >
              <textarea
                rows={2}
                value={finding.requiredCorrection}
                onChange={(e) => change(i, { requiredCorrection: e.target.value })}
              />
            </Field>
            <Field
              name={`${name}.${i}.responsibleSide`}
              label={t('evaluator.findings.responsibleSide')}
              error={props.error}
            >
              <select
                value={finding.responsibleSide}
                onChange={(e) => change(i, { responsibleSide: e.target.value as Side })}
              >
                {sides.map((side) => (
                  <option key={side} value={side}>
                    {t(`evaluator.findings.sides.${side}`)}
                  </option>
                ))}
              </select>
            </Field>
            <button
              type="button"
              className="link-button"
              onClick={() => props.onChange(props.findings.filter((_, j) => j !== i))}
            >
              {t('evaluator.findings.remove', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {listProblems.length > 0 && (
        <ul className="field-problems">
          {listProblems.map((p) => (
            <li key={p.message}>{describe(p)}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => props.onChange([...props.findings, emptyFinding()])}>
        {t('evaluator.findings.add')}
      </button>
    </fieldset>
  );
}
