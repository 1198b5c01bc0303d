import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCursorPages } from './cursor-pages';
import { useRegions } from './useRegions';

const PAGE_SIZE = 20;
const levels = ['primary', 'secondary', 'tertiary'] as const;
const types = ['hospital', 'community_health_centre', 'township_health_centre'] as const;
const ownerships = ['public', 'private_non_profit', 'private_for_profit'] as const;

const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

export function InstitutionsTab() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState<string>();
  const pages = useCursorPages();
  const query = { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) };
  const list = useQuery({
    queryKey: ['institutions', 'directory', query],
    queryFn: () => unwrap(api.GET('/institutions', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim() || undefined);
    pages.reset();
  };
  return (
    <>
      <h2>{t('directory.institutions.title')}</h2>
      <form className="filters" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="institutions-q">{t('directory.search')}</label>
          <input
            id="institutions-q"
            type="search"
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit">{t('common.search')}</button>
      </form>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loading />}
      {list.data && (
        <>
          <div className="table-scroll">
            <table className="responsive-table">
              <caption>{t('directory.institutions.caption', { total: list.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.name')}</th>
                  <th scope="col">{t('directory.kind')}</th>
                  <th scope="col">{t('directory.region')}</th>
                  <th scope="col">{t('directory.institutions.details')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" data-label={t('directory.name')}>
                      {i.name}
                    </th>
                    <td data-label={t('directory.kind')}>{t(`directory.kinds.${i.kind}`)}</td>
                    <td data-label={t('directory.region')}>{i.regionCode}</td>
                    <td data-label={t('directory.institutions.details')}>
                      {i.medical
                        ? t('directory.institutions.staff', {
                            staff: i.medical.committedMedicalStaff ?? '—',
                          })
                        : i.care
                          ? t('directory.institutions.beds', { beds: i.care.beds, residents: i.care.residents })
                          : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.items.length === 0 && <p>{t('directory.none')}</p>}
          <Pagination
            page={pages.page}
            total={list.data.total}
            pageSize={PAGE_SIZE}
            onPage={(p) => pages.go(p, list.data.nextCursor)}
          />
        </>
      )}
      <NewInstitutionForm />
      <CommittedStaffForm />
    </>
  );
}

function NewInstitutionForm() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [kind, setKind] = useState<'medical' | 'elderly_care'>('medical');
  const [regionCode, setRegionCode] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<(typeof levels)[number]>('primary');
  const [type, setType] = useState<(typeof types)[number]>('community_health_centre');
  const [staff, setStaff] = useState('');
  const [ownership, setOwnership] = useState<(typeof ownerships)[number]>('public');
  const [beds, setBeds] = useState('');
  const [residents, setResidents] = useState('');
  const [created, setCreated] = useState<string>();
  const region = regionCode || regions[0]?.code || '';
  const create = useCommand({
    scope: 'institution:new',
    send: (body: components['schemas']['CreateInstitution']) => unwrap(api.POST('/institutions', { body })),
    invalidates: [['institutions']],
    onSuccess: (i) => {
      setCreated(i.name);
      setName('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    const staffCount = toNumber(staff);
    create.mutate(
      kind === 'medical'
        ? {
            kind,
            regionCode: region,
            name,
            medical: { level, type, ...(staffCount === undefined ? {} : { committedMedicalStaff: staffCount }) },
          }
        : {
            kind,
            regionCode: region,
            name,
            care: { ownership, beds: toNumber(beds) ?? Number.NaN, residents: toNumber(residents) ?? Number.NaN },
          },
    );
  };
  return (
    <section aria-labelledby="new-institution-heading">
      <h2 id="new-institution-heading">{t('directory.institutions.new')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          <Field name="kind" label={t('directory.kind')} error={create.error}>
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="medical">{t('directory.kinds.medical')}</option>
              <option value="elderly_care">{t('directory.kinds.elderly_care')}</option>
            </select>
          </Field>
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
          {kind === 'medical' ? (
            <>
              <Field name="medical.level" label={t('directory.institutions.level')} error={create.error}>
                <select value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
                  {levels.map((l) => (
                    <option key={l} value={l}>
                      {t(`directory.levels.${l}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field name="medical.type" label={t('directory.institutions.type')} error={create.error}>
                <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                  {types.map((x) => (
                    <option key={x} value={x}>
                      {t(`directory.types.${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                name="medical.committedMedicalStaff"
                label={t('directory.institutions.committedStaff')}
                hint={t('directory.institutions.committedStaffHint')}
                error={create.error}
              >
                <input type="number" min={0} value={staff} onChange={(e) => setStaff(e.target.value)} />
              </Field>
            </>
          ) : (
            <>
              <Field name="care.ownership" label={t('directory.institutions.ownership')} error={create.error}>
                <select value={ownership} onChange={(e) => setOwnership(e.target.value as typeof ownership)}>
                  {ownerships.map((o) => (
                    <option key={o} value={o}>
                      {t(`directory.ownerships.${o}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field name="care.beds" label={t('directory.institutions.bedsLabel')} error={create.error}>
                <input type="number" min={1} value={beds} onChange={(e) => setBeds(e.target.value)} />
              </Field>
              <Field name="care.residents" label={t('directory.institutions.residents')} error={create.error}>
                <input type="number" min={0} value={residents} onChange={(e) => setResidents(e.target.value)} />
              </Field>
            </>
          )}
        </div>
        <ProblemAlert error={create.error} />
        {created && (
          <p className="alert alert-success" role="status">
            {t('directory.institutions.created', { name: created })}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t('directory.institutions.create')}
        </button>
      </form>
    </section>
  );
}

function CommittedStaffForm() {
  const { t } = useTranslation();
  const medical = useQuery({
    queryKey: ['institutions', 'medical'],
    queryFn: () => unwrap(api.GET('/institutions', { params: { query: { kind: 'medical', limit: 200 } } })),
  });
  const [institutionId, setInstitutionId] = useState('');
  const [staff, setStaff] = useState('');
  const [saved, setSaved] = useState(false);
  const chosen = institutionId || medical.data?.items[0]?.id || '';
  const declare = useCommand({
    scope: `committed-staff:${chosen}`,
    send: (body: { committedMedicalStaff: number | null }) =>
      unwrap(api.PUT('/institutions/{id}/committed-medical-staff', { params: { path: { id: chosen } }, body })),
    invalidates: [['institutions']],
    onSuccess: () => setSaved(true),
  });
  if (!medical.data || medical.data.items.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    declare.mutate({ committedMedicalStaff: staff.trim() === '' ? null : Number(staff) });
  };
  return (
    <section aria-labelledby="committed-staff-heading">
      <h2 id="committed-staff-heading">{t('directory.institutions.committedStaffTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          <div className="field">
            <label htmlFor="committed-institution">{t('directory.institutions.medicalInstitution')}</label>
            <select id="committed-institution" value={chosen} onChange={(e) => setInstitutionId(e.target.value)}>
              {medical.data.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="committedMedicalStaff"
            label={t('directory.institutions.committedStaff')}
            hint={t('directory.institutions.withdrawHint')}
            error={declare.error}
          >
            <input type="number" min={0} value={staff} onChange={(e) => setStaff(e.target.value)} />
          </Field>
        </div>
        <ProblemAlert error={declare.error} />
        {saved && (
          <p className="alert alert-success" role="status">
            {t('directory.saved')}
          </p>
        )}
        <button type="submit" disabled={declare.isPending}>
          {t('directory.save')}
        </button>
      </form>
    </section>
  );
}
