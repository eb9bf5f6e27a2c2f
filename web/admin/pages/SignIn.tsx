/** Staff sign-in: email and password, then a code from the authenticator app when MFA is on. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input } from '@shared/ui';
import { ApiError } from '../app/api';
import { navigate } from '../app/router';
import { useSession } from '../app/session';

export function SignInPage() {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await signIn(email, password, needCode ? totp : undefined);
      navigate(outcome === 'enrol' ? '/account?enrol=1' : '/', { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'auth.mfa_required') { setNeedCode(true); setError(undefined); }
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <div className="signin__brand"><span className="admin-brand__mark">E</span> Emporia Admin</div>
      <Card>
        <form onSubmit={submit} className="signin__form" aria-label="Sign in">
          <h1>{needCode ? 'Two-step verification' : 'Sign in'}</h1>
          {error && <Alert tone="danger">{error}</Alert>}
          {!needCode ? <>
            <Input label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            <Input label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </> : <>
            <p className="muted">Enter the 6-digit code from your authenticator app.</p>
            <Input label="Authentication code" name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))} autoFocus />
          </>}
          <Button type="submit" block busy={busy}>{needCode ? 'Verify' : 'Sign in'}</Button>
          {needCode && <Button type="button" variant="ghost" block onClick={() => { setNeedCode(false); setTotp(''); }}>Use another account</Button>}
        </form>
      </Card>
    </div>
  );
}
