import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session/session';
import type { RectificationView } from '../rectification/rectification-view';
import { type PartyOrder, partyOrder } from './party-order';
import './party.css';
import { EvidenceList } from './EvidenceList';
import { EvidenceUpload } from './EvidenceUpload';
import { Plans } from './PlanForms';
import { Representations } from './Representations';

/** What a contracting party does on an order: plans, evidence, representations. */
export function PartyActions(props: { order: RectificationView }) {
  const me = useSession().data?.user;
  if (!me || (me.role !== 'party' && me.role !== 'liaison')) return null;
  const order = partyOrder(props.order);
  return <ForParty order={order} institutionId={me.institutionId} isParty={me.role === 'party'} />;
}

function ForParty({ order, institutionId, isParty }: { order: PartyOrder; institutionId?: string; isParty: boolean }) {
  const contract = useQuery({
    queryKey: ['contract', order.contractId],
    queryFn: () => unwrap(api.GET('/contracts/{id}', { params: { path: { id: order.contractId } } })),
  });
  const side =
    contract.data?.medicalInstitutionId === institutionId
      ? 'medical'
      : contract.data?.careInstitutionId === institutionId
        ? 'care'
        : undefined;
  // Each side plans the findings it answers for (issue 12): its own and the shared ones.
  const planning = order.itemized
    ? order.findings.filter(
        (f) => f.state === 'awaiting-plan' && side && (f.responsibleSide === side || f.responsibleSide === 'both'),
      )
    : [];
  return (
    <>
      {planning.length > 0 && <Plans order={order} findings={planning} />}
      {order.step === 'awaiting-evidence' && <EvidenceUpload order={order} />}
      <EvidenceList orderId={order.id} />
      {isParty && order.step === 'notice-of-revocation' && <Representations orderId={order.id} />}
    </>
  );
}
