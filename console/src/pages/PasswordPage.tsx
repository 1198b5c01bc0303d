import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { Loading } from '../components/Loading';
import { ProblemAlert } from '../components/ProblemAlert';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../i18n/format';

/** ASVS 2.1.1: at least 12 characters, no composition rules (the API checks the same). */
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;

/** The link's secret travels in the fragment, which browsers never send to a server or put in its logs. */
function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

export function PasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.title'));
  const navigate = useNavigate();
  const [token] = useState(tokenFromFragment);
  // The secret leaves the address bar once read, so it is not left in view, in screenshots or in shared tabs.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const link = useQuery({
    queryKey: ['password-link', token],
    queryFn: () => unwrap(api.POST('/password-links/inspection', { body: { token } })),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const redeem = useMutation({
    mutationFn: () => unwrap(api.POST('/password-links/redemption', { body: { token, password } })),
    onSuccess: async ({ email }) => {
      await navigate(`/sign-in?password=set&email=${encodeURIComponent(email)}`, { replace: true });
    },
  });
  const tooShort = password.length < MIN_LENGTH;
  const mismatch = repeat !== '' && repeat !== password;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooShort && !mismatch && password === repeat) redeem.mutate();
  };

  let body;
  if (!token)
    body = (
      <p className="alert alert-error" role="alert">
        {t('password.noToken')}
      </p>
    );
  else if (link.isPending) body = <Loading />;
  else if (link.error) body = <ProblemAlert error={link.error} />;
  else
    body = (
      <form onSubmit={submit} noValidate>
        <p>
          {t(link.data.purpose === 'invitation' ? 'password.invitation' : 'password.reset', {
            email: link.data.email,
            expiresAt: formatDateTime(link.data.expiresAt),
          })}
        </p>
        <div className="field">
          <label htmlFor="new-password">{t('password.new')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_LENGTH}
            maxLength={MAX_LENGTH}
            required
            aria-describedby="new-password-hint"
            aria-invalid={password !== '' && tooShort}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="new-password-hint" className="hint">
            {t('password.hint', { min: MIN_LENGTH, count: password.length })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="repeat-password">{t('password.repeat')}</label>
          <input
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={mismatch ? 'repeat-password-error' : undefined}
            aria-invalid={mismatch}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          {mismatch && (
            <p id="repeat-password-error" className="field-error">
              {t('password.mismatch')}
            </p>
          )}
        </div>
        <ProblemAlert error={redeem.error} />
        <button type="submit" className="primary" disabled={redeem.isPending || tooShort || password !== repeat}>
          {t('password.submit')}
        </button>
      </form>
    );
  return (
    <section aria-labelledby="password-heading" className="card">
      <h1 id="password-heading">{t('password.title')}</h1>
      {body}
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </section>
  );
}
