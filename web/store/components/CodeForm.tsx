/** Apply and remove discount codes on the cart; a refused code shows the server's reason. */
import { useState } from 'react';
import { Button, Input, useToast } from '@shared/ui';
import { useT } from '@shared/i18n';
import { ApiError } from '../app/api';
import { useCart } from '../app/cart';

export function CodeForm() {
  const t = useT();
  const toast = useToast();
  const { cart, applyCode, removeCode } = useCart();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!cart) return null;
  const apply = async () => {
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await applyCode(code.trim());
      toast.success(t('cart.codeApplied', { code: code.trim().toUpperCase() }));
      setCode('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="codes">
      <form className="codes__form" onSubmit={(e) => { e.preventDefault(); void apply(); }}>
        <Input label={t('cart.code')} value={code} onChange={(e) => setCode(e.target.value)} error={error ?? undefined} autoComplete="off" fieldClassName="codes__field" />
        <Button type="submit" variant="secondary" busy={busy} className="codes__btn">{t('cart.apply')}</Button>
      </form>
      {cart.codes.length > 0 && (
        <ul className="codes__list">
          {cart.codes.map((c) => (
            <li key={c} className="chip">
              {c}
              <button type="button" className="chip__x" aria-label={t('cart.removeCode', { code: c })} onClick={() => void removeCode(c)}>×</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
