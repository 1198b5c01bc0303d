import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../i18n/format';
import type { ContractView } from './contract-view';

/** The care institution's subsidy for a year of this contract: residents × base rate × the grade's factors. */
export function SubsidySection({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const first = Number(contract.termStart.slice(0, 4));
  const last = Number(contract.termEnd.slice(0, 4));
  const [year, setYear] = useState(Math.min(Math.max(new Date().getFullYear(), first), last));
  const subsidy = useQuery({
    queryKey: ['contract', contract.id, 'subsidy', year],
    queryFn: () =>
      unwrap(
        api.GET('/contracts/{id}/subsidy', { params: { path: { id: contract.id }, query: { year: String(year) } } }),
      ),
    enabled: contract.status !== 'draft',
  });
  if (contract.status === 'draft' || contract.status === 'pending-approval') return null;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const s = subsidy.data;
  return (
    <section aria-labelledby="subsidy-heading">
      <h2 id="subsidy-heading">{t('contract.subsidy.title')}</h2>
      <div className="field">
        <label htmlFor="subsidy-year">{t('contract.subsidy.year')}</label>
        <select id="subsidy-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert error={subsidy.error} />
      {s && (
        <dl className="facts">
          <dt>{t('contract.subsidy.residents')}</dt>
          <dd>{formatNumber(s.residents, 0)}</dd>
          <dt>{t('contract.subsidy.baseRate')}</dt>
          <dd>{formatNumber(s.baseRateFenPerResident / 100, 2)}</dd>
          <dt>{t('contracts.grade')}</dt>
          <dd>{s.grade ? t(`grades.${s.grade}`) : t('contract.notGraded')}</dd>
          <dt>{t('contract.subsidy.total')}</dt>
          <dd>
            <strong>{s.totalYuan}</strong>
          </dd>
        </dl>
      )}
    </section>
  );
}
