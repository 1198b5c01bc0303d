import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AuditTrail } from '../../components/AuditTrail';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { RegulatorActions } from '../desk/RegulatorActions';
import { PartyActions } from '../party/PartyActions';
import { RectificationOverview } from '../party/RectificationOverview';

/**
 * One rectification order, for everyone who may read it: the overview (clock, findings, history)
 * for all, what a party does (plan, evidence, representations) and what a regulator decides.
 * Each part shows only to the roles that may act on it.
 */
export function RectificationPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const order = useQuery({
    queryKey: ['rectification', id],
    queryFn: () => unwrap(api.GET('/rectifications/{id}', { params: { path: { id } } })),
  });
  usePageTitle(t('rectification.title'));
  if (order.isPending) return <Loading />;
  return (
    <article aria-labelledby="rectification-heading">
      <p>
        <Link to="/rectifications">{t('rectification.back')}</Link>
      </p>
      <h1 id="rectification-heading">{t('rectification.title')}</h1>
      <ProblemAlert error={order.error} />
      {order.data && (
        <>
          <RectificationOverview order={order.data} />
          <PartyActions order={order.data} />
          <RegulatorActions order={order.data} />
          <AuditTrail subject="rectification" id={id} />
        </>
      )}
    </article>
  );
}
