import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n/format';

type Kind = 'medical' | 'elderly_care';

function useInstitutions(regionCode: string, kind: Kind) {
  return useQuery({
    queryKey: ['institutions', regionCode, kind],
    queryFn: () => unwrap(api.GET('/institutions', { params: { query: { regionCode, kind, limit: 200 } } })),
    enabled: Boolean(regionCode),
  });
}

function useLiaisons(institutionId: string) {
  return useQuery({
    queryKey: ['users', 'liaison', institutionId],
    queryFn: () => unwrap(api.GET('/users', { params: { query: { role: 'liaison', institutionId, limit: 200 } } })),
    enabled: Boolean(institutionId),
  });
}

interface Draft {
  medicalInstitutionId: string;
  careInstitutionId: string;
  medicalLiaisonUserId: string;
  careLiaisonUserId: string;
  termStart: string;
  termEnd: string;
  templateVersion?: number;
}

const empty: Draft = {
  medicalInstitutionId: '',
  careInstitutionId: '',
  medicalLiaisonUserId: '',
  careLiaisonUserId: '',
  termStart: '',
  termEnd: '',
};

/**
 * A regulator drafts a contract between a hospital and a care home of the region, on one of the
 * region's published agreement templates; the parties then sign it on its page.
 */
export function NewContractPage() {
  const { t } = useTranslation();
  usePageTitle(t('contract.new.title'));
  const navigate = useNavigate();
  const regions = useQuery({ queryKey: ['regions'], queryFn: () => unwrap(api.GET('/regions')) });
  const [regionCode, setRegionCode] = useState('');
  const region = regionCode || regions.data?.items[0]?.code || '';
  const [draft, setDraft] = useState<Draft>(empty);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const medical = useInstitutions(region, 'medical');
  const care = useInstitutions(region, 'elderly_care');
  const medicalLiaisons = useLiaisons(draft.medicalInstitutionId);
  const careLiaisons = useLiaisons(draft.careInstitutionId);
  const templates = useQuery({
    queryKey: ['templates', region],
    queryFn: () => unwrap(api.GET('/regions/{code}/agreement-templates', { params: { path: { code: region } } })),
    enabled: Boolean(region),
  });
  const create = useCommand({
    scope: 'new-contract',
    send: (body: Draft) => unwrap(api.POST('/contracts', { body })),
    invalidates: [['contracts']],
    onSuccess: (contract) => void navigate(`/contracts/${contract.id}`),
  });
  const version = draft.templateVersion ?? templates.data?.items[0]?.version;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...draft, ...(version ? { templateVersion: version } : {}) });
  };
  const options = (items: { id: string; name: string }[] | undefined) => [
    <option key="" value="">
      {t('contract.new.choose')}
    </option>,
    ...(items ?? []).map((i) => (
      <option key={i.id} value={i.id}>
        {i.name}
      </option>
    )),
  ];
  return (
    <section aria-labelledby="new-contract-heading">
      <p>
        <Link to="/contracts">{t('contract.back')}</Link>
      </p>
      <h1 id="new-contract-heading">{t('contract.new.title')}</h1>
      <form onSubmit={submit} noValidate className="stacked-form">
        <div className="field">
          <label htmlFor="new-contract-region">{t('contracts.region')}</label>
          <select
            id="new-contract-region"
            value={region}
            onChange={(e) => (setRegionCode(e.target.value), setDraft(empty))}
          >
            {(regions.data?.items ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name} ({r.code})
              </option>
            ))}
          </select>
        </div>
        <Field name="medicalInstitutionId" label={t('contract.sides.medical')} error={create.error}>
          <select
            value={draft.medicalInstitutionId}
            onChange={(e) => set({ medicalInstitutionId: e.target.value, medicalLiaisonUserId: '' })}
          >
            {options(medical.data?.items)}
          </select>
        </Field>
        <Field name="medicalLiaisonUserId" label={t('contract.new.medicalLiaison')} error={create.error}>
          <select value={draft.medicalLiaisonUserId} onChange={(e) => set({ medicalLiaisonUserId: e.target.value })}>
            {options(medicalLiaisons.data?.items)}
          </select>
        </Field>
        <Field name="careInstitutionId" label={t('contract.sides.care')} error={create.error}>
          <select
            value={draft.careInstitutionId}
            onChange={(e) => set({ careInstitutionId: e.target.value, careLiaisonUserId: '' })}
          >
            {options(care.data?.items)}
          </select>
        </Field>
        <Field name="careLiaisonUserId" label={t('contract.new.careLiaison')} error={create.error}>
          <select value={draft.careLiaisonUserId} onChange={(e) => set({ careLiaisonUserId: e.target.value })}>
            {options(careLiaisons.data?.items)}
          </select>
        </Field>
        <Field name="termStart" label={t('contract.new.termStart')} error={create.error}>
          <input type="date" value={draft.termStart} onChange={(e) => set({ termStart: e.target.value })} />
        </Field>
        <Field name="termEnd" label={t('contract.new.termEnd')} error={create.error}>
          <input type="date" value={draft.termEnd} onChange={(e) => set({ termEnd: e.target.value })} />
        </Field>
        <Field
          name="templateVersion"
          label={t('contract.new.template')}
          hint={templates.data?.items.length === 0 ? t('contract.new.noTemplate') : undefined}
          error={create.error}
        >
          <select value={version ?? ''} onChange={(e) => set({ templateVersion: Number(e.target.value) })}>
            {(templates.data?.items ?? []).map((tpl) => (
              <option key={tpl.version} value={tpl.version}>
                {t('contract.new.templateVersion', { version: tpl.version, on: formatDate(tpl.publishedAt) })}
                {tpl.note ? ` · ${tpl.note}` : ''}
              </option>
            ))}
          </select>
        </Field>
        <ProblemAlert error={create.error ?? regions.error ?? templates.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('contract.new.submit')}
        </button>
      </form>
    </section>
  );
}
