/** The signed-in staff member: who they are, what they may do, sign in (with TOTP) and out. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, call, getSession, onSession, setSession, unwrapLogin } from './session-api';

export interface Me { id: string; email: string; name: string; role: string; mfaEnabled: boolean; permissions: string[] }

interface SessionApi {
  me: Me | null;
  ready: boolean;
  /** Signs in; answers 'mfa' when a TOTP code is needed, 'enrol' when the store requires MFA enrolment first. */
  signIn(email: string, password: string, totp?: string): Promise<'ok' | 'enrol'>;
  signOut(): Promise<void>;
  refreshMe(): Promise<void>;
  can(permission: string): boolean;
}

const Ctx = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const refreshMe = useCallback(async () => {
    if (!getSession()) { setMe(null); return; }
    try { setMe(await call<Me>('GET', '/admin/auth/me')); } catch { setMe(null); }
  }, []);
  useEffect(() => { void refreshMe().finally(() => setReady(true)); }, [refreshMe]);
  useEffect(() => onSession((s) => { if (!s) setMe(null); }), []);
  const value: SessionApi = {
    me, ready,
    async signIn(email, password, totp) {
      const tokens = await unwrapLogin(api.POST('/admin/auth/login', { body: { email, password, ...(totp ? { totp } : {}) } }));
      setSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000, enrollmentOnly: !!tokens.mfaEnrollmentRequired });
      await refreshMe();
      return tokens.mfaEnrollmentRequired ? 'enrol' : 'ok';
    },
    async signOut() {
      try { await call('POST', '/admin/auth/logout'); } catch { /* signing out locally is what matters */ }
      setSession(null);
    },
    refreshMe,
    can: (p) => !!me?.permissions.includes(p),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}
