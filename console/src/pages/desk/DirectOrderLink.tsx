import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session';
import type { ContractView } from '../contract/contract-view';

/** On a contract in force, the regulator's way to its own rectification order. */
export function DirectOrderLink({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  if ((role !== 'regulator' && role !== 'admin') || contract.status !== 'active') return null;
  return (
    <p>
      <Link to={`/contracts/${contract.id}/rectification-orders/new`}>{t('desk.order.link')}</Link>
    </p>
  );
}
