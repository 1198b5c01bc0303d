import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { type FindingDraft, FindingsFieldset } from './FindingsFieldset';
import { type Dimension, dimensions, type Evaluation, type Scores } from './evaluation-view';

interface IndicatorDraft {
  name: string;
  score: string;
}
interface DimensionDraft {
  score: string;
  indicators: IndicatorDraft[];
  comments: string;
}

/** What an evaluator usually checks on site for each dimension; names stay editable, rows can be added. */
const suggestedIndicators: Record<Dimension, string[]> = {
  serviceQuality: ['homeVisits', 'chronicReexams', 'healthTalks'],
  satisfaction: ['residents', 'families'],
  cooperation: ['meetings', 'referrals', 'surveys'],
};

/** An empty input is left out, so the API names the missing score beside its field. */
const scoreOf = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** The on-site scores: three dimensions 0–100 with their indicators and comments, the visit's date, the findings. */
export function ScoreForm({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<Dimension, DimensionDraft>>(() => {
    const draft = (d: Dimension): DimensionDraft => ({
      score: '',
      indicators: suggestedIndicators[d].map((key) => ({
        name: t(`evaluator.indicators.${d}.${key}` as 'evaluator.indicators.serviceQuality.homeVisits'),
        score: '',
      })),
      comments: '',
    });
    return {
      serviceQuality: draft('serviceQuality'),
      satisfaction: draft('satisfaction'),
      cooperation: draft('cooperation'),
    };
  });
  const [onsiteDate, setOnsiteDate] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [summary, setSummary] = useState('');
  const submitScores = useCommand({
    scope: `scores:${evaluation.id}`,
    send: (body: Scores) =>
      unwrap(api.POST('/evaluations/{id}/scores', { params: { path: { id: evaluation.id } }, body })),
    invalidates: [['evaluation', evaluation.id], ['evaluations']],
  });
  const update = (d: Dimension, patch: Partial<DimensionDraft>) =>
    setDrafts((all) => ({ ...all, [d]: { ...all[d], ...patch } }));
  const updateIndicator = (d: Dimension, index: number, patch: Partial<IndicatorDraft>) =>
    update(d, { indicators: drafts[d].indicators.map((x, i) => (i === index ? { ...x, ...patch } : x)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dimension = (d: Dimension) => ({
      score: scoreOf(drafts[d].score),
      indicators: drafts[d].indicators.map((x) => ({ name: x.name.trim(), score: scoreOf(x.score) })),
      comments: drafts[d].comments,
    });
    // The body is checked by the API; undefined scores are left out for it to name.
    submitScores.mutate({
      serviceQuality: dimension('serviceQuality'),
      satisfaction: dimension('satisfaction'),
      cooperation: dimension('cooperation'),
      onsiteDate: onsiteDate || undefined,
      findings: findings.length > 0 ? findings : summary,
    } as Scores);
  };

  return (
    <form onSubmit={submit} noValidate className="score-form" aria-labelledby="score-form-heading">
      <h2 id="score-form-heading">{t('evaluator.form.title')}</h2>
      <p className="hint">{t('evaluator.form.hint')}</p>
      <Field name="onsiteDate" label={t('evaluator.form.onsiteDate')} error={submitScores.error}>
        <input type="date" value={onsiteDate} onChange={(e) => setOnsiteDate(e.target.value)} />
      </Field>
      {dimensions.map((d) => (
        <fieldset key={d} className="dimension">
          <legend>{t(`evaluator.dimensions.${d}`)}</legend>
          <Field name={`${d}.score`} label={t('evaluator.form.dimensionScore')} error={submitScores.error}>
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={drafts[d].score}
              onChange={(e) => update(d, { score: e.target.value })}
            />
          </Field>
          <h3 className="indicator-heading">{t('evaluator.form.indicators')}</h3>
          <ul className="indicator-list">
            {drafts[d].indicators.map((indicator, i) => (
              <li key={i} className="indicator-row">
                <Field
                  name={`${d}.indicators.${i}.name`}
                  label={t('evaluator.form.indicatorNameOf', { n: i + 1 })}
                  error={submitScores.error}
                >
                  <input
                    type="text"
                    value={indicator.name}
                    onChange={(e) => updateIndicator(d, i, { name: e.target.value })}
                  />
                </Field>
                <Field
                  name={`${d}.indicators.${i}.score`}
                  label={t('evaluator.form.indicatorScoreOf', { n: i + 1 })}
                  error={submitScores.error}
                >
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={100}
                    step="any"
                    value={indicator.score}
                    onChange={(e) => updateIndicator(d, i, { score: e.target.value })}
                  />
                </Field>
                <button
                  type="button"
                  className="link-button"
                  disabled={drafts[d].indicators.length === 1}
                  onClick={() => update(d, { indicators: drafts[d].indicators.filter((_, j) => j !== i) })}
                >
                  {t('evaluator.form.removeIndicator', { n: i + 1 })}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => update(d, { indicators: [...drafts[d].indicators, { name: '', score: '' }] })}
          >
            {t('evaluator.form.addIndicator')}
          </button>
          <Field name={`${d}.comments`} label={t('evaluator.form.comments')} error={submitScores.error}>
            <textarea rows={3} value={drafts[d].comments} onChange={(e) => update(d, { comments: e.target.value })} />
          </Field>
        </fieldset>
      ))}
      <FindingsFieldset findings={findings} onChange={setFindings} error={submitScores.error} />
      {findings.length === 0 && (
        <Field
          name="findings"
          label={t('evaluator.form.summary')}
          hint={t('evaluator.form.summaryHint')}
          error={submitScores.error}
        >
          <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
      )}
      <ProblemAlert error={submitScores.error} />
      <button type="submit" disabled={submitScores.isPending}>
        {t('evaluator.form.submit')}
      </button>
    </form>
  );
}
