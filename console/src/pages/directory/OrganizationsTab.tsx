import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInstitutionNames } from '../../components/useNames';
import { useRegions } from './useRegions';

/** Third-party evaluator organizations of the regulator's regions, and their conflicts of interest. */
export function OrganizationsTab() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['evaluator-organizations'],
    queryFn: () => unwrap(api.GET('/evaluator-organizations')),
  });
  return (
    <>
      <h2>{t('directory.organizations.title')}</h2>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loading />}
      {list.data?.items.length === 0 && <p>{t('directory.none')}</p>}
      <ul className="card-list">
        {(list.data?.items ?? []).map((o) => (
          <li key={o.id} className="card">
            <h3 className="card-title">{o.name}</h3>
            <p>
              {t('directory.region')}: {o.regionCode}
            </p>
            <Relations organizationId={o.id} name={o.name} />
          </li>
        ))}
      </ul>
      <NewOrganizationForm />
    </>
  );
}

function Relations({ organizationId, name }: { organizationId: string; name: string }) {
  const { t } = useTranslation();
  const { institutions, nameOf } = useInstitutionNames();
  const relations = useQuery({
    queryKey: ['evaluator-organizations', organizationId, 'relations'],
    queryFn: () =>
      unwrap(api.GET('/evaluator-organizations/{id}/relations', { params: { path: { id: organizationId } } })),
  });
  const [institutionId, setInstitutionId] = useState('');
  const [relation, setRelation] = useState('');
  const chosen = institutionId || institutions[0]?.id || '';
  const declare = useCommand({
    scope: `relation:${organizationId}`,
    send: (body: { institutionId: string; relation: string }) =>
      unwrap(api.POST('/evaluator-organizations/{id}/relations', { params: { path: { id: organizationId } }, body })),
    invalidates: [['evaluator-organizations', organizationId, 'relations']],
    onSuccess: () => setRelation(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate({ institutionId: chosen, relation });
  };
  const items = relations.data?.items ?? [];
  return (
    <>
      <h4>{t('directory.organizations.conflicts')}</h4>
      {relations.data && items.length === 0 && <p>{t('directory.organizations.noConflicts')}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((r) => (
            <li key={r.institutionId}>
              {t('directory.organizations.conflict', { institution: nameOf(r.institutionId), relation: r.relation })}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('directory.organizations.declare', { name })}</summary>
        <form onSubmit={submit} noValidate>
          <Field name="institutionId" label={t('directory.users.institution')} error={declare.error}>
            <select value={chosen} onChange={(e) => setInstitutionId(e.target.value)}>
              {institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="relation"
            label={t('directory.organizations.relation')}
            hint={t('directory.organizations.relationHint')}
            error={declare.error}
          >
            <input value={relation} maxLength={500} onChange={(e) => setRelation(e.target.value)} />
          </Field>
          <ProblemAlert error={declare.error} />
          <button type="submit" disabled={declare.isPending}>
            {t('directory.organizations.record')}
          </button>
        </form>
      </details>
    </>
  );
}

function NewOrganizationForm() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState('');
  const [name, setName] = useState('');
  const region = regionCode || regions[0]?.code || '';
  const create = useCommand({
    scope: 'evaluator-organization:new',
    send: (body: { regionCode: string; name: string }) => unwrap(api.POST('/evaluator-organizations', { body })),
    invalidates: [['evaluator-organizations']],
    onSuccess: () => setName(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ regionCode: region, name });
  };
  return (
    <section aria-labelledby="new-organization-heading">
      <h2 id="new-organization-heading">{t('directory.organizations.new')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          <Field name="regionCode" label={t('directory.region')} error={create.error}>
            <select value={region} onChange={(e) => setRegionCode(e.target.value)}>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="name" label={t('directory.name')} error={create.error}>
            <input value={name} maxLength={300} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <ProblemAlert error={create.error} />
        <button type="submit" disabled={create.isPending}>
          {t('directory.organizations.create')}
        </button>
      </form>
    </section>
  );
}
