/**
 * Kiosk mode for in-store screens: entered at /kiosk and kept for the browser session (so product
 * and cart pages stay in it), larger touch targets, no account, and a reset after two minutes
 * without a touch — with a visible countdown for the last 20 seconds — that empties the cart and
 * returns to the kiosk home.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@shared/ui';
import { useT } from '@shared/i18n';
import { useCart } from './cart';
import { navigate, useLocation } from './router';

const KEY = 'emporia.kiosk';
export const KIOSK_IDLE_MS = 120_000;
const WARN_MS = 20_000;

interface Kiosk { on: boolean; reset(): void; exit(): void }
const KioskContext = createContext<Kiosk>({ on: false, reset: () => undefined, exit: () => undefined });
export const useKiosk = () => useContext(KioskContext);

export function KioskProvider({ children, idleMs }: { children: ReactNode; idleMs?: number }) {
  const { path } = useLocation();
  const [on, setOn] = useState(() => sessionStorage.getItem(KEY) === '1');
  const cart = useCart();
  const t = useT();
  // Tests (and installers) may shorten the timeout with ?idle=<seconds> on /kiosk.
  const limit = useRef(idleMs ?? (Number(sessionStorage.getItem(`${KEY}.idle`)) || KIOSK_IDLE_MS));
  const [left, setLeft] = useState<number | null>(null);
  const last = useRef(Date.now());

  useEffect(() => {
    if (path === '/kiosk' && !on) {
      sessionStorage.setItem(KEY, '1');
      const idle = Number(new URLSearchParams(location.search).get('idle'));
      if (idle > 0) { limit.current = idle * 1000; sessionStorage.setItem(`${KEY}.idle`, String(idle * 1000)); }
      setOn(true);
    }
  }, [path, on]);

  useEffect(() => { document.documentElement.classList.toggle('is-kiosk', on); }, [on]);

  const reset = useCallback(() => {
    cart.clear();
    setLeft(null);
    last.current = Date.now();
    navigate('/kiosk');
  }, [cart]);

  const exit = useCallback(() => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(`${KEY}.idle`);
    setOn(false);
    navigate('/');
  }, []);

  useEffect(() => {
    if (!on) return;
    const touch = () => { last.current = Date.now(); setLeft(null); };
    const events = ['pointerdown', 'keydown', 'touchstart', 'scroll'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const tick = setInterval(() => {
      const idle = Date.now() - last.current;
      const warnAt = Math.max(limit.current - WARN_MS, limit.current / 2);
      if (idle >= limit.current) reset();
      else if (idle >= warnAt) setLeft(Math.ceil((limit.current - idle) / 1000));
    }, 500);
    return () => { for (const e of events) window.removeEventListener(e, touch); clearInterval(tick); };
  }, [on, reset]);

  const value = useMemo(() => ({ on, reset, exit }), [on, reset, exit]);
  return (
    <KioskContext.Provider value={value}>
      {children}
      {on && left !== null && (
        <div className="kiosk-warn" role="alertdialog" aria-live="assertive" aria-label={t('kiosk.resetSoon', { seconds: left })}>
          <p>{t('kiosk.resetSoon', { seconds: left })}</p>
          <Button size="lg" onClick={() => { last.current = Date.now(); setLeft(null); }}>{t('kiosk.stillHere')}</Button>
        </div>
      )}
    </KioskContext.Provider>
  );
}
