import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => unwrap(api.POST('/password-resets', { body: { email } })) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <section aria-labelledby="forgot-heading" className="card">
      <h1 id="forgot-heading">{t('forgot.title')}</h1>
      {request.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('forgot.sent', { email })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('forgot.intro')}</p>
          <div className="field">
            <label htmlFor="forgot-email">{t('signIn.email')}</label>
            <input
              id="forgot-email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <ProblemAlert error={request.error} />
          <button type="submit" className="primary" disabled={request.isPending || !email}>
            {t('forgot.submit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </section>
  );
}
