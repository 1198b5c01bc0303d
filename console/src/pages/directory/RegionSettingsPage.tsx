import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { problemsAt, problemsElsewhere } from '../../components/form/field-problems';
import { useCommand } from '../../components/form/useCommand';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { PathProblems } from './PathProblems';
import { mainPolicyNumbers, parseDoc, policyNumberLabel, valueAt, withValueAt } from './policy-paths';
import './directory.css';

type Region = components['schemas']['Region'];
type Overrides = components['schemas']['PolicyOverrides'];

/** A region's policy (the main numbers as a form, the whole as JSON), its rollout, and its agreement templates. */
export function RegionSettingsPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const region = useQuery({
    queryKey: ['region', code],
    queryFn: () => unwrap(api.GET('/regions/{code}', { params: { path: { code } } })),
  });
  usePageTitle(t('directory.settings.title', { name: region.data?.name ?? code }));
  if (region.isPending) return <Loading />;
  if (!region.data) return <ProblemAlert error={region.error} />;
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('directory.settings.title', { name: region.data.name })}</h1>
      <p>{t('directory.settings.version', { version: region.data.policyVersion })}</p>
      <PolicyEditor region={region.data} />
      <Rollout region={region.data} />
      <Templates code={code} />
    </section>
  );
}

function PolicyEditor({ region }: { region: Region }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<Record<string, unknown>>(region.policyOverrides);
  const [text, setText] = useState(JSON.stringify(region.policyOverrides, null, 2));
  const [unreadable, setUnreadable] = useState(false);
  const [saved, setSaved] = useState<number>();
  const save = useCommand({
    scope: `policy:${region.code}`,
    send: (body: Overrides) =>
      unwrap(api.PUT('/regions/{code}/policy', { params: { path: { code: region.code } }, body })),
    invalidates: [['region', region.code]],
    onSuccess: (updated) => {
      setSaved(updated.policyVersion);
      setDoc(updated.policyOverrides);
      setText(JSON.stringify(updated.policyOverrides, null, 2));
    },
  });
  const setNumber = (path: string, value: string) => {
    const next = withValueAt(doc, path, value.trim() === '' ? undefined : Number(value));
    setDoc(next);
    setText(JSON.stringify(next, null, 2));
    setUnreadable(false);
  };
  const setJson = (value: string) => {
    setText(value);
    const parsed = parseDoc(value);
    setUnreadable(!parsed);
    if (parsed) setDoc(parsed);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (unreadable) return;
    save.mutate(doc as Overrides);
  };
  const elsewhere = problemsElsewhere(save.error, mainPolicyNumbers);
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('directory.policy.title')}</h2>
      <p>{t('directory.policy.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="directory-grid">
          {mainPolicyNumbers.map((path) => {
            const own = valueAt(doc, path);
            return (
              <Field
                key={path}
                name={path}
                label={t(`directory.policy.numbers.${policyNumberLabel[path]}`)}
                hint={t('directory.policy.effective', { value: String(valueAt(region.effectivePolicy, path) ?? '—') })}
                error={save.error}
              >
                <input
                  type="number"
                  value={typeof own === 'number' && Number.isFinite(own) ? String(own) : ''}
                  onChange={(e) => setNumber(path, e.target.value)}
                />
              </Field>
            );
          })}
        </div>
        <div className={unreadable || elsewhere.length > 0 ? 'field field-invalid' : 'field'}>
          <label htmlFor="policy-json">{t('directory.policy.json')}</label>
          <p className="field-hint" id="policy-json-hint">
            {t('directory.policy.jsonHint')}
          </p>
          <textarea
            id="policy-json"
            className="directory-json"
            spellCheck={false}
            value={text}
            aria-invalid={unreadable || elsewhere.length > 0 || undefined}
            aria-describedby="policy-json-hint policy-json-problems"
            onChange={(e) => setJson(e.target.value)}
          />
          {unreadable && (
            <ul className="field-problems" id="policy-json-problems">
              <li>{t('directory.policy.unreadable')}</li>
            </ul>
          )}
          {!unreadable && <PathProblems id="policy-json-problems" problems={elsewhere} />}
        </div>
        <ProblemAlert error={save.error} />
        {saved !== undefined && (
          <p className="alert alert-success" role="status">
            {t('directory.policy.saved', { version: saved })}
          </p>
        )}
        <button type="submit" disabled={save.isPending || unreadable}>
          {t('directory.policy.save')}
        </button>
      </form>
    </section>
  );
}

function Rollout({ region }: { region: Region }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const rollout = useCommand({
    scope: `rollout:${region.code}:${region.policyVersion}`,
    send: () => unwrap(api.POST('/regions/{code}/policy/rollout', { params: { path: { code: region.code } } })),
    onSuccess: () => setConfirming(false),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) return setConfirming(true);
    rollout.mutate(undefined);
  };
  return (
    <section aria-labelledby="rollout-heading">
      <h2 id="rollout-heading">{t('directory.rollout.title')}</h2>
      <p>{t('directory.rollout.intro')}</p>
      <form onSubmit={submit}>
        {confirming && (
          <p className="alert alert-error" role="alert">
            {t('directory.rollout.confirm', { version: region.policyVersion, name: region.name })}
          </p>
        )}
        <ProblemAlert error={rollout.error} />
        {rollout.data && (
          <p className="alert alert-success" role="status">
            {t('directory.rollout.done', {
              version: rollout.data.policyVersion,
              contracts: rollout.data.contractsSignalled,
              failed: rollout.data.failed.length,
            })}
          </p>
        )}
        <button type="submit" className={confirming ? 'danger' : undefined} disabled={rollout.isPending}>
          {confirming
            ? t('directory.rollout.confirmSubmit')
            : t('directory.rollout.submit', { version: region.policyVersion })}
        </button>
      </form>
    </section>
  );
}

type Terms = components['schemas']['AgreementTerms'];

function Templates({ code }: { code: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['agreement-templates', code],
    queryFn: () => unwrap(api.GET('/regions/{code}/agreement-templates', { params: { path: { code } } })),
  });
  const [chosen, setChosen] = useState<number>();
  const [published, setPublished] = useState<number>();
  const latest = list.data?.items[0]?.version;
  const version = chosen ?? latest;
  const one = useQuery({
    queryKey: ['agreement-templates', code, version],
    queryFn: () =>
      unwrap(
        api.GET('/regions/{code}/agreement-templates/{version}', {
          params: { path: { code, version: version ?? 1 } },
        }),
      ),
    enabled: version !== undefined,
  });
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">{t('directory.templates.title')}</h2>
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 && <p>{t('directory.templates.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="field">
          <label htmlFor="template-version">{t('directory.templates.version')}</label>
          <select id="template-version" value={version} onChange={(e) => setChosen(Number(e.target.value))}>
            {list.data.items.map((v) => (
              <option key={v.version} value={v.version}>
                {t('directory.templates.versionOption', { version: v.version, date: v.publishedAt.slice(0, 10) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {one.data && (
        <article aria-labelledby="template-shown">
          <h3 id="template-shown">{t('directory.templates.shown', { version: one.data.version })}</h3>
          {one.data.note && <p>{one.data.note}</p>}
          <pre className="directory-terms" tabIndex={0} aria-label={t('directory.templates.terms')}>
            {JSON.stringify(one.data.terms, null, 2)}
          </pre>
        </article>
      )}
      {list.data && (
        <PublishTemplate
          key={latest ?? 0}
          code={code}
          base={list.data.items[0]?.terms}
          next={(latest ?? 0) + 1}
          onPublished={(v) => {
            setPublished(v);
            setChosen(v);
          }}
        />
      )}
      {published !== undefined && (
        <p className="alert alert-success" role="status">
          {t('directory.templates.published', { version: published })}
        </p>
      )}
    </section>
  );
}

function PublishTemplate(props: { code: string; base?: Terms; next: number; onPublished: (version: number) => void }) {
  const { code, base, next } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(base ? JSON.stringify(base, null, 2) : '{}');
  const [note, setNote] = useState('');
  const [unreadable, setUnreadable] = useState(false);
  const publish = useCommand({
    scope: `template:${code}:${next}`,
    send: (body: { terms: Terms; note?: string }) =>
      unwrap(api.POST('/regions/{code}/agreement-templates', { params: { path: { code } }, body })),
    invalidates: [['agreement-templates', code]],
    onSuccess: (template) => props.onPublished(template.version),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const terms = parseDoc(text);
    setUnreadable(!terms);
    if (!terms) return;
    publish.mutate({ terms: terms as Terms, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  const termProblems = problemsAt(publish.error, 'terms');
  return (
    <section aria-labelledby="publish-heading">
      <h3 id="publish-heading">{t('directory.templates.publishTitle', { version: next })}</h3>
      <form onSubmit={submit} noValidate>
        <div className={unreadable || termProblems.length > 0 ? 'field field-invalid' : 'field'}>
          <label htmlFor="template-terms">{t('directory.templates.terms')}</label>
          <textarea
            id="template-terms"
            className="directory-json"
            spellCheck={false}
            value={text}
            aria-invalid={unreadable || termProblems.length > 0 || undefined}
            aria-describedby="template-terms-problems"
            onChange={(e) => setText(e.target.value)}
          />
          {unreadable && (
            <ul className="field-problems" id="template-terms-problems">
              <li>{t('directory.policy.unreadable')}</li>
            </ul>
          )}
          {!unreadable && <PathProblems id="template-terms-problems" problems={termProblems} />}
        </div>
        <Field name="note" label={t('directory.templates.note')} error={publish.error}>
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <ProblemAlert error={publish.error} />
        <button type="submit" disabled={publish.isPending}>
          {t('directory.templates.publish', { version: next })}
        </button>
      </form>
    </section>
  );
}
