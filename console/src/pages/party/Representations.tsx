import { type FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../session/session';
import './party.css';

/** At notice: the representations filed, a form to make one, or a declaration that none will be made. */
export function Representations({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const csrfToken = useSession().data?.csrfToken;
  const list = useQuery({
    queryKey: ['representations', orderId],
    queryFn: () => unwrap(api.GET('/rectifications/{id}/representations', { params: { path: { id: orderId } } })),
  });
  const [text, setText] = useState('');
  const invalidates = [
    ['representations', orderId],
    ['rectification', orderId],
  ];
  const file = useCommand({
    scope: `representations:${orderId}`,
    send: async (body: { text: string }, idempotencyKey: string) => {
      const form = new FormData();
      form.append('text', body.text);
      // Multipart: the typed client sends JSON only.
      // api: POST /rectifications/{id}/representations
      const res = await fetch(`/rectifications/${orderId}/representations`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Idempotency-Key': idempotencyKey, ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
        body: form,
      });
      const answer: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const p = (answer ?? {}) as Record<string, string>;
        throw new ApiProblem(res.status, p.type ?? `/problems/http-${res.status}`, p.title ?? '', p.detail ?? '');
      }
      return answer;
    },
    invalidates,
    onSuccess: () => setText(''),
  });
  const waive = useCommand({
    scope: `representations-waiver:${orderId}`,
    send: (_: undefined, idempotencyKey: string) =>
      unwrap(
        api.POST('/rectifications/{id}/representations/waiver', {
          params: { path: { id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    invalidates,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate({ text });
  };
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="party-representations-heading" className="party-panel">
      <h2 id="party-representations-heading">{t('party.representations.title')}</h2>
      <ProblemAlert error={list.error} />
      {items.length === 0 ? (
        <p>{t('party.representations.none')}</p>
      ) : (
        <ul className="party-list">
          {items.map((r) => (
            <li key={r.id} className="card">
              <p>
                {t(`party.representations.kinds.${r.kind}`)} ·{' '}
                <time dateTime={r.receivedAt}>{r.receivedAt.replace('T', ' ').slice(0, 16)}</time>
              </p>
              {r.text && <p className="party-text">{r.text}</p>}
              {r.consideration && (
                <p>
                  {t('party.representations.consideration')}: {r.consideration}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Field name="text" label={t('party.representations.text')} error={file.error}>
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <ProblemAlert error={file.error} />
        <button type="submit" disabled={file.isPending || text.trim() === ''}>
          {t('party.representations.submit')}
        </button>
      </form>
      <ProblemAlert error={waive.error} />
      <button type="button" className="secondary" onClick={() => waive.mutate(undefined)} disabled={waive.isPending}>
        {t('party.representations.waive')}
      </button>
    </section>
  );
}
