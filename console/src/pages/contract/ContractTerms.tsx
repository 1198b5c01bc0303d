import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi';
import { formatNumber } from '../../i18n/format';

type Terms = components['schemas']['AgreementTerms'];
const serviceKeys = ['basicMedical', 'rehabilitationNursing', 'emergencyReferral', 'healthRecords'] as const;
const yuan = (fen: number) => formatNumber(fen / 100, 2);

/** The 12 items of the standardized agreement in its 3 categories, the liability division and the dispute procedure. */
export function ContractTerms({ terms }: { terms: Terms }) {
  const { t } = useTranslation();
  const v = terms.visitFrequency;
  return (
    <section aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('contract.terms')}</h2>
      <div className="columns">
        <div>
          <h3>{t('contract.visitFrequency')}</h3>
          <dl className="facts">
            <dt>{t('contract.homeVisitsPerMonth')}</dt>
            <dd>{v.homeVisitsPerMonth}</dd>
            <dt>{t('contract.reexamsPerQuarter')}</dt>
            <dd>{v.chronicDiseaseReexamsPerQuarter}</dd>
            <dt>{t('contract.referralMinutes')}</dt>
            <dd>
              {t('dashboard.minutes', {
                count: v.emergencyReferralResponseMinutes,
                value: v.emergencyReferralResponseMinutes,
              })}
            </dd>
            <dt>{t('contract.healthTalksPerYear')}</dt>
            <dd>{v.healthTalksPerYear}</dd>
          </dl>
        </div>
        <div>
          <h3>{t('contract.charging')}</h3>
          <dl className="facts">
            <dt>{t('contract.basicServiceFee')}</dt>
            <dd>{t('dashboard.yuan', { value: yuan(terms.charging.basicServiceFeeFen) })}</dd>
            <dt>{t('contract.chronicFollowUpFee')}</dt>
            <dd>{t('dashboard.yuan', { value: yuan(terms.charging.chronicFollowUpFeeFen) })}</dd>
            <dt>{t('contract.valueAddedPricing')}</dt>
            <dd>{t(`contract.pricing.${terms.charging.valueAddedPricing}`)}</dd>
            <dt>{t('contract.settlementCycle')}</dt>
            <dd>{t(`contract.settlement.${terms.charging.settlementCycle}`)}</dd>
          </dl>
        </div>
      </div>
      <h3>{t('contract.serviceItems')}</h3>
      <ul className="plain-list">
        {serviceKeys.map((key) => {
          const item = terms.serviceItems[key];
          return (
            <li key={key}>
              <strong>{t(`contract.services.${key}`)}</strong>: {item.included ? t('common.yes') : t('common.no')} —{' '}
              {item.description}
            </li>
          );
        })}
      </ul>
      <h3>{t('contract.liability')}</h3>
      <ul className="plain-list">
        {terms.liability.map((l, i) => (
          <li key={i}>
            <strong>{t(`contract.sides.${l.party}`)}</strong>: {l.matter}
          </li>
        ))}
      </ul>
      <h3>{t('contract.disputeProcedure')}</h3>
      <p className="prose">{terms.disputeProcedure}</p>
    </section>
  );
}
