import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { safeNext } from '../session/next-path';
import { rememberSession, useSession } from '../session/session';

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/session', { body: { email, password } })),
    onSuccess: async (session) => {
      rememberSession(client, session);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  useEffect(() => {
    if (signIn.isError) setPassword('');
  }, [signIn.isError]);

  const session = useSession();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  if (session.data && !signIn.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;
  return (
    <section aria-labelledby="sign-in-heading" className="card">
      <h1 id="sign-in-heading">{t('signIn.title')}</h1>
      {params.get('password') === 'set' && (
        <p className="alert alert-success" role="status">
          {t('password.done')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="sign-in-email">{t('signIn.email')}</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ProblemAlert error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending || !email || !password}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
    </section>
  );
}
