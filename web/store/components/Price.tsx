import { formatMoney } from '@shared/format';
import { useI18n } from '@shared/i18n';

/** A price from minor units, with the original price struck through when on sale. */
export function Price({ amount, currency, original, from, className }: { amount: number; currency: string; original?: number | null; from?: boolean; className?: string }) {
  const { lang, t } = useI18n();
  const text = formatMoney(amount, currency, lang);
  return (
    <span className={`price ${original && original > amount ? 'price--sale' : ''} ${className ?? ''}`}>
      <span className="price__now">{from ? t('listing.priceFrom', { price: text }) : text}</span>
      {original && original > amount ? <s className="price__was">{formatMoney(original, currency, lang)}</s> : null}
    </span>
  );
}

export function useMoney() {
  const { lang } = useI18n();
  return (minor: number, currency: string) => formatMoney(minor, currency, lang);
}
