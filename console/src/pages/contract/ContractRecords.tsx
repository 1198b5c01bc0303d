import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../i18n/format';

const kinds = ['visits', 'meetings', 'surveys', 'referrals', 'healthTalks'] as const;
type Kind = (typeof kinds)[number];

interface Row {
  id: string;
  when: string;
  summary: string;
}

/** Each kind of fact as one line: when it happened and what it was, newest first. */
function useRows(contractId: string, kind: Kind) {
  const { t } = useTranslation();
  const path = { params: { path: { id: contractId } } };
  return useQuery({
    queryKey: ['contract', contractId, 'records', kind],
    queryFn: async (): Promise<Row[]> => {
      switch (kind) {
        case 'visits':
          return (await unwrap(api.GET('/contracts/{id}/visits', path))).items.map((v) => ({
            id: v.id,
            when: formatDate(v.visitDate),
            summary: t('contract.records.visit', { residents: v.residentsSeen, reexams: v.chronicDiseaseReexams }),
          }));
        case 'meetings':
          return (await unwrap(api.GET('/contracts/{id}/meetings', path))).items.map((m) => ({
            id: m.id,
            when: formatDate(m.meetingDate),
            summary: t('contract.records.meeting', { attendees: m.attendees.length, items: m.actionItems.length }),
          }));
        case 'surveys':
          return (await unwrap(api.GET('/contracts/{id}/surveys', path))).items.map((s) => ({
            id: s.id,
            when: formatDate(s.surveyDate),
            summary: t('contract.records.survey', { respondents: s.respondents, summary: s.summary }),
          }));
        case 'referrals':
          return (await unwrap(api.GET('/contracts/{id}/referrals', path))).items.map((r) => ({
            id: r.id,
            when: formatDateTime(r.requestedAt),
            summary: t(r.withinTarget ? 'contract.records.referralOnTime' : 'contract.records.referralLate', {
              minutes: r.responseMinutes,
              target: r.targetMinutes,
            }),
          }));
        case 'healthTalks':
          return (await unwrap(api.GET('/contracts/{id}/health-talks', path))).items.map((h) => ({
            id: h.id,
            when: formatDate(h.talkDate),
            summary: t('contract.records.healthTalk', { topic: h.topic, attendees: h.attendees }),
          }));
      }
    },
  });
}

/** What the parties have recorded under the contract, one kind at a time: the evidence behind each verdict. */
export function ContractRecords({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('visits');
  const rows = useRows(contractId, kind);
  return (
    <section aria-labelledby="records-heading">
      <h2 id="records-heading">{t('contract.records.title')}</h2>
      <div className="field">
        <label htmlFor="records-kind">{t('contract.records.kind')}</label>
        <select id="records-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`contract.records.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert error={rows.error} />
      {rows.isPending && <Loading />}
      {rows.data?.length === 0 && <p>{t('contract.records.none')}</p>}
      <ul className="timeline" aria-live="polite">
        {rows.data?.map((r) => (
          <li key={r.id}>
            <strong>{r.when}</strong> {r.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}
