import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { dimensions, type Evaluation } from './evaluation-view';

interface StoredDimension {
  score?: number;
  indicators?: { name: string; score: number }[];
  comments?: string;
}

/** What was submitted, read-only, with the grade it gave. */
export function ScoresView({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const scores = (e.scores ?? {}) as Partial<Record<(typeof dimensions)[number], StoredDimension>>;
  return (
    <section aria-labelledby="scores-heading" className="scores-view">
      <h2 id="scores-heading">{t('evaluator.view.title')}</h2>
      <dl className="facts">
        <dt>{t('evaluator.view.grade')}</dt>
        <dd>
          <strong className={`badge grade-${e.grade ?? 'pending'}`}>
            {t(`grades.${(e.grade ?? 'pending') as 'pending'}`)}
          </strong>
        </dd>
        {e.weightedScore !== undefined && (
          <>
            <dt>{t('evaluator.view.weightedScore')}</dt>
            <dd>{formatNumber(e.weightedScore, 2)}</dd>
          </>
        )}
        <dt>{t('evaluator.form.onsiteDate')}</dt>
        <dd>{formatDate(e.onsiteDate)}</dd>
        {e.submittedAt && (
          <>
            <dt>{t('evaluator.view.submittedAt')}</dt>
            <dd>{formatDateTime(e.submittedAt)}</dd>
          </>
        )}
      </dl>
      {dimensions.map((d) => {
        const dimension = scores[d];
        if (!dimension) return null;
        return (
          <section key={d} aria-labelledby={`scores-${d}`} className="dimension">
            <h3 id={`scores-${d}`}>
              {t(`evaluator.dimensions.${d}`)}: {formatNumber(dimension.score ?? 0, 2)}
            </h3>
            <ul className="plain-list">
              {(dimension.indicators ?? []).map((indicator, i) => (
                <li key={i}>
                  {indicator.name}: {formatNumber(indicator.score, 2)}
                </li>
              ))}
            </ul>
            {dimension.comments && <p className="prose">{dimension.comments}</p>}
          </section>
        );
      })}
      <h3>{t('evaluator.findings.legend')}</h3>
      <ol className="plain-list findings-text">
        {(e.findings ?? '').split('\n').map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </section>
  );
}
