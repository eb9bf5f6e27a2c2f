/** Staff sign-in for the console: email and password, then the authenticator code when MFA is on. */
import { useState, type FormEvent } from 'react';
import { ApiError, unwrap } from '@shared/api/client';
import { Alert, Button, Card, Input } from '@shared/ui';
import { api, setSession } from '../app/session';

export function SignIn({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const t = await unwrap(api.POST('/admin/auth/login', { body: { email, password, ...(needsCode ? { totp } : {}) } })) as { accessToken: string; refreshToken: string; expiresIn: number };
      setSession({ accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: Date.now() + t.expiresIn * 1000 });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.mfa_required') { setNeedsCode(true); setError(null); }
      else setError(err instanceof ApiError ? err.message : 'Sign-in failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sc-signin">
      <div className="sc-signin__brand"><span className="sc-logo" aria-hidden="true">E</span> Emporia Support</div>
      <Card className="sc-signin__card">
        <h1 className="sc-signin__title">Sign in to the support console</h1>
        {notice && <Alert tone="warning">{notice}</Alert>}
        {error && <Alert tone="danger">{error}</Alert>}
        <form onSubmit={submit} noValidate>
          <Input label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required disabled={needsCode} />
          <Input label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required disabled={needsCode} />
          {needsCode && (
            <Input label="Authenticator code" hint="The 6-digit code from your authenticator app." inputMode="numeric" autoComplete="one-time-code"
              pattern="[0-9]{6}" maxLength={6} value={totp} onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))} autoFocus required />
          )}
          <Button type="submit" block busy={busy}>{needsCode ? 'Verify and sign in' : 'Sign in'}</Button>
        </form>
      </Card>
    </main>
  );
}
