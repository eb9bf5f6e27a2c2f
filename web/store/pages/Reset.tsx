/**
 * Password reset: `/account/forgot` asks for the email and requests a single-use link (the answer
 * is the same whether or not an account exists); `/account/reset-password?token=…` — the link the
 * server puts in the email — sets the new password with that token.
 */
import { useState } from 'react';
import { Alert, Button, Input } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { api, ApiError, unwrap } from '../app/api';
import { Link, useLocation } from '../app/router';
import { useTitle } from '../app/use-async';

export function Forgot() {
  const { t } = useI18n();
  useTitle(t('reset.requestTitle'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/store/auth/password-reset', { body: { email: email.trim() } }));
      setSent(email.trim());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wrap page">
      <h1 className="page__title center">{t('reset.requestTitle')}</h1>
      <div className="narrow">
        {sent ? <Alert tone="success">{t('reset.sent', { email: sent })}</Alert> : (
          <form className="ui-card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
            <p>{t('reset.requestText')}</p>
            <Input label={t('account.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            {error && <Alert tone="danger">{error}</Alert>}
            <Button type="submit" block busy={busy}>{t('reset.send')}</Button>
          </form>
        )}
        <p className="center small"><Link to="/account">{t('reset.backToSignIn')}</Link></p>
      </div>
    </div>
  );
}

export function ResetPassword() {
  const { t } = useI18n();
  useTitle(t('reset.setTitle'));
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [state, setState] = useState<'form' | 'done' | 'invalid'>('form');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (password !== again) { setError(t('reset.mismatch')); return; }
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/store/auth/password-reset/confirm', { body: { token, password } }));
      setState('done');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.invalid_reset_token') setState('invalid');
      else setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wrap page">
      <h1 className="page__title center">{t('reset.setTitle')}</h1>
      <div className="narrow">
        {!token || token.length < 10 ? <Alert tone="warning">{t('reset.noToken')}</Alert>
          : state === 'done' ? <Alert tone="success">{t('reset.done')}</Alert>
          : state === 'invalid' ? <Alert tone="danger">{t('reset.invalid')}</Alert>
          : (
            <form className="ui-card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
              <Input label={t('reset.newPassword')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required
                hint={t('account.passwordHint')} />
              <Input label={t('reset.confirmPassword')} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
              {error && <Alert tone="danger">{error}</Alert>}
              <Button type="submit" block busy={busy}>{t('reset.save')}</Button>
            </form>
          )}
        <p className="center small">
          {state === 'invalid' || !token ? <Link to="/account/forgot">{t('reset.forgot')}</Link> : <Link to="/account">{t('reset.backToSignIn')}</Link>}
        </p>
      </div>
    </div>
  );
}
