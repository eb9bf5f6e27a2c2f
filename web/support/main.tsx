/**
 * The support console, served at /support with hash routes: sign in (staff, TOTP when enrolled),
 * the inbox with its filters and counts, a conversation with the customer's context, replies,
 * internal notes, assignment, escalation and resolution, canned replies; live over the staff
 * event stream.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Spinner, ToastProvider } from '@shared/ui';
import { call, api, getSession, onSession, setSession, type Me } from './app/session';
import { Console } from './pages/Console';
import { SignIn } from './pages/SignIn';
import './support.css';

function App() {
  const [session, setS] = useState(getSession);
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => onSession((s) => { setS(s); if (!s) setMe(null); }), []);
  useEffect(() => {
    if (!session) return;
    let live = true;
    call(() => api.GET('/admin/auth/me'))
      .then((m) => {
        if (!live) return;
        const who = m as Me;
        if (!who.permissions.includes('support:read')) { setNotice('Your role cannot use the support console.'); setSession(null); return; }
        setNotice(undefined);
        setMe(who);
      })
      .catch(() => { if (live) setSession(null); });
    return () => { live = false; };
  }, [session?.accessToken ? 'in' : 'out']);

  if (!session) return <SignIn notice={notice} />;
  if (!me) return <div className="sc-loading"><Spinner label="Loading the console" /></div>;
  return <Console me={me} />;
}

createRoot(document.getElementById('root')!).render(<StrictMode><ToastProvider><App /></ToastProvider></StrictMode>);
