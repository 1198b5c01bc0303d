import { useTranslation } from 'react-i18next';
import { Field } from '../../components/form/Field';

export type Side = 'medical' | 'care' | 'both';
export interface FindingDraft {
  indicator: string;
  problem: string;
  requiredCorrection: string;
  responsibleSide: Side;
}

export const emptyFinding = (): FindingDraft => ({
  indicator: '',
  problem: '',
  requiredCorrection: '',
  responsibleSide: 'medical',
});

/** The findings of an order, one fieldset each (F1…Fn), added and removed; the API's problems beside each field. */
export function DeskFindingsFieldset(props: {
  findings: FindingDraft[];
  onChange: (findings: FindingDraft[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<FindingDraft>) =>
    props.onChange(props.findings.map((f, j) => (i === j ? { ...f, ...patch } : f)));
  return (
    <>
      {props.findings.map((f, i) => (
        <fieldset key={i} data-finding-input={i + 1}>
          <legend>{t('desk.order.finding', { n: i + 1 })}</legend>
          <Field name={`findings.${i}.indicator`} label={t('desk.order.indicator')} error={props.error}>
            <input value={f.indicator} maxLength={200} onChange={(e) => set(i, { indicator: e.target.value })} />
          </Field>
          <Field name={`findings.${i}.problem`} label={t('desk.order.problem')} error={props.error}>
            <textarea rows={2} value={f.problem} onChange={(e) => set(i, { problem: e.target.value })} />
          </Field>
          <Field name={`findings.${i}.requiredCorrection`} label={t('desk.order.correction')} error={props.error}>
            <textarea
              rows={2}
              value={f.requiredCorrection}
              onChange={(e) => set(i, { requiredCorrection: e.target.value })}
            />
          </Field>
          <Field name={`findings.${i}.responsibleSide`} label={t('desk.order.side')} error={props.error}>
            <select value={f.responsibleSide} onChange={(e) => set(i, { responsibleSide: e.target.value as Side })}>
              {(['medical', 'care', 'both'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`desk.sides.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {props.findings.length > 1 && (
            <button type="button" onClick={() => props.onChange(props.findings.filter((_, j) => j !== i))}>
              {t('desk.order.remove', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => props.onChange([...props.findings, emptyFinding()])}>
          {t('desk.order.add')}
        </button>
      </p>
    </>
  );
}
