/** My account: two-step verification (TOTP) enrolment with a QR code, and turning it off. */
import { useMemo, useState } from 'react';
import { renderSVG } from 'uqr';
import { Alert, Badge, Button, Card, Input, PageHeader, useToast } from '@shared/ui';
import { call } from '../app/api';
import { useLocation } from '../app/router';
import { useSession } from '../app/session';
import { Detail } from '../components/bits';

export function AccountPage() {
  const { me, refreshMe } = useSession();
  const { query } = useLocation();
  const toast = useToast();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string }>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const uri = setup?.otpauthUri ?? "";
  const qr = useMemo(() => (uri ? renderSVG(uri, { border: 2 }) : ''), [uri]);

  const run = async (f: () => Promise<void>) => {
    setBusy(true); setError(undefined);
    try { await f(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };

  return (
    <>
      <PageHeader title="My account" subtitle={me?.email} />
      {query.get('enrol') && !me?.mfaEnabled && <Alert tone="warning" title="Two-step verification is required">This store requires owners and admins to use an authenticator app. Set it up to continue.</Alert>}
      <div className="two-col">
        <Card title="Profile">
          <dl className="admin-details">
            <Detail label="Name">{me?.name}</Detail>
            <Detail label="Email">{me?.email}</Detail>
            <Detail label="Role">{me?.role}</Detail>
          </dl>
        </Card>
        <Card title="Two-step verification" actions={me?.mfaEnabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>}>
          {error && <Alert tone="danger">{error}</Alert>}
          {!me?.mfaEnabled && !setup && <>
            <p>Protect your account with a code from an authenticator app (1Password, Google Authenticator, Authy…) at every sign-in.</p>
            <Button busy={busy} onClick={() => run(async () => setSetup(await call('POST', '/admin/auth/mfa/setup')))}>Set up authenticator</Button>
          </>}
          {!me?.mfaEnabled && setup && <form onSubmit={(e) => { e.preventDefault(); void run(async () => { await call('POST', '/admin/auth/mfa/enable', { body: { code } }); toast.success('Two-step verification is on'); setSetup(undefined); setCode(''); await refreshMe(); }); }}>
            <ol className="steps">
              <li>Scan this code with your authenticator app.
                <div className="qr" aria-label="QR code for the authenticator app" dangerouslySetInnerHTML={{ __html: qr }} />
              </li>
              <li>Or enter this key by hand: <code className="secret" data-testid="mfa-secret">{setup.secret}</code></li>
              <li>Type the 6-digit code the app shows.</li>
            </ol>
            <Input label="Code" name="code" inputMode="numeric" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
            <Button type="submit" busy={busy}>Turn on</Button>
          </form>}
          {me?.mfaEnabled && <form onSubmit={(e) => { e.preventDefault(); void run(async () => { await call('POST', '/admin/auth/mfa/disable', { body: { code } }); toast.show('Two-step verification is off'); setCode(''); await refreshMe(); }); }}>
            <p>Your account asks for an authenticator code at every sign-in. To turn this off, enter a current code.</p>
            <Input label="Current code" name="code" inputMode="numeric" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
            <Button type="submit" variant="danger" busy={busy}>Turn off</Button>
          </form>}
        </Card>
      </div>
    </>
  );
}
