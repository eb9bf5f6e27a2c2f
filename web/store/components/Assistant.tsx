/**
 * The shopping assistant panel: the shopper writes what they want ("waterproof hiking boots under
 * 100 in size 42"), sees what was understood as chips they can remove, the matching products with
 * the variants that fit, comparisons as a table, and asks to add something to the cart. A photo
 * can be sent instead of words (visual search). Opened from the header; keyboard and screen-reader
 * friendly (a labelled dialog, a live log of the conversation, Escape closes).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Spinner } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { ApiError } from '../app/api';
import { askAssistant, searchByPhoto, useCurrentProduct, withoutChip, type AssistantAnswer, type Constraints, type VisualResult } from '../app/assistant';
import { useCart } from '../app/cart';
import { Link } from '../app/router';
import { Price } from './Price';

type Entry =
  | { id: number; who: 'shopper'; text: string }
  | { id: number; who: 'assistant'; answer: AssistantAnswer }
  | { id: number; who: 'photo'; name: string; result: VisualResult }
  | { id: number; who: 'error'; text: string };

let seq = 0;

/** Omit over each member of a union (the built-in one collapses it). */
type NewEntry = Entry extends infer E ? (E extends Entry ? Omit<E, 'id'> : never) : never;

function Hits({ answer }: { answer: AssistantAnswer }) {
  const { t } = useI18n();
  if (!answer.results.length) return null;
  return (
    <ol className="asst-hits" aria-label={t('assistant.results')}>
      {answer.results.map((h, i) => {
        const prices = h.variants.map((v) => v.price?.amount).filter((x): x is number => typeof x === 'number');
        const min = prices.length ? Math.min(...prices) : null;
        const currency = h.variants.find((v) => v.price)?.price?.currency ?? answer.currency;
        const options = [...new Set(h.variants.map((v) => v.title))].slice(0, 6);
        return (
          <li key={h.id} className="asst-hit">
            {h.thumbnail ? <img src={h.thumbnail} alt="" width={56} height={56} /> : <span className="asst-hit__ph" aria-hidden="true" />}
            <div className="asst-hit__body">
              <Link to={`/p/${h.handle}`} className="asst-hit__title">{i + 1}. {h.title}</Link>
              <div className="asst-hit__meta">
                {min !== null && <Price amount={min} currency={currency} from={prices.some((p) => p !== min)} />}
                <span className={h.inStock ? 'asst-ok' : 'asst-no'}>{h.inStock ? t('product.inStock') : t('product.outOfStock')}</span>
              </div>
              {options.length > 0 && options[0] !== 'Default' && <p className="asst-hit__opts">{options.join(' · ')}</p>}
              {h.missing.length > 0 && <p className="asst-hit__miss">{t('assistant.missing', { words: h.missing.join(', ') })}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function CompareTable({ answer }: { answer: AssistantAnswer }) {
  const { t } = useI18n();
  const c = answer.comparison;
  if (!c) return null;
  return (
    <div className="asst-compare">
      <table>
        <caption className="ui-visually-hidden">{t('assistant.comparison')}</caption>
        <thead><tr><th scope="col"><span className="ui-visually-hidden">{t('assistant.attribute')}</span></th>{c.products.map((p) => <th key={p.id} scope="col"><Link to={`/p/${p.handle}`}>{p.title}</Link></th>)}</tr></thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.label} className={r.differs ? 'asst-compare__diff' : undefined}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => <td key={i}>{v}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PhotoHits({ result }: { result: VisualResult }) {
  const { t } = useI18n();
  if (!result.items.length) return <p>{t('assistant.photoNone')}</p>;
  return (
    <ol className="asst-hits" aria-label={t('assistant.photoResults')}>
      {result.items.map((h) => (
        <li key={h.productId} className="asst-hit">
          <img src={h.imageUrl || h.thumbnail || ''} alt="" width={56} height={56} />
          <div className="asst-hit__body">
            <Link to={`/p/${h.handle}`} className="asst-hit__title">{h.title}</Link>
            <div className="asst-hit__meta">{h.priceRange && <Price amount={h.priceRange.min} currency={h.priceRange.currency} from={h.priceRange.min !== h.priceRange.max} />}</div>
            <p className="asst-hit__why">{h.dominant && h.dominant === result.query.dominant ? t('assistant.photoSameColour', { colour: t(`colour.${h.dominant}`) }) : h.reason}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The words that set a chip's constraint, put in the input so the shopper can change them ("under 100" → "under 80"). */
function chipPhrase(c: AssistantAnswer['chips'][number], a: AssistantAnswer): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: a.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = (minor: number | undefined) => (minor === undefined ? '' : String(minor / 10 ** digits));
  if (c.ref === 'price') return `between ${major(a.constraints.minPrice)} and ${major(a.constraints.maxPrice)}`;
  if (c.kind === 'max_price') return `under ${major(a.constraints.maxPrice)}`;
  if (c.kind === 'min_price') return `over ${major(a.constraints.minPrice)}`;
  return c.label;
}

export function AssistantPanel({ onClose }: { onClose(): void }) {
  const { t, lang } = useI18n();
  const cart = useCart();
  const productId = useCurrentProduct();
  const [log, setLog] = useState<Entry[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const last = useRef<AssistantAnswer | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => { input.current?.focus(); }, []);
  useEffect(() => { end.current?.scrollIntoView({ block: 'end' }); }, [log]);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    document.addEventListener('keydown', esc);
    return () => document.removeEventListener('keydown', esc);
  }, [onClose]);

  const push = (e: NewEntry) => setLog((l) => [...l, { ...e, id: ++seq } as Entry]);

  const send = async (body: { message?: string; constraints?: Constraints }) => {
    setBusy(true);
    try {
      const prev = last.current;
      const answer = await askAssistant({
        ...body, language: lang === 'fr' || lang === 'de' ? lang : 'en',
        context: {
          ...(productId ? { productId } : {}),
          ...(prev?.results.length ? { resultIds: prev.results.map((r) => r.id) } : {}),
          ...(prev ? { constraints: prev.constraints } : {}),
        },
        ...(cart.cart ? { cartId: cart.cart.id } : {}),
      }, cart.headers());
      if (answer.results.length || answer.intent === 'search') last.current = answer;
      push({ who: 'assistant', answer });
      if (answer.cart?.status === 'added' && answer.cart.cartId) {
        if (answer.cart.cartToken) cart.adopt(answer.cart.cartId, answer.cart.cartToken);
        else await cart.reload();
      }
    } catch (e) {
      push({ who: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    push({ who: 'shopper', text: message });
    setText('');
    void send({ message });
  };

  const removeChip = (answer: AssistantAnswer, ref: string, label: string) => {
    push({ who: 'shopper', text: t('assistant.removed', { chip: label }) });
    void send({ constraints: withoutChip(answer.constraints, ref) });
  };

  const photo = async (f: File | undefined) => {
    if (!f) return;
    push({ who: 'shopper', text: t('assistant.photoSent', { name: f.name }) });
    setBusy(true);
    try {
      push({ who: 'photo', name: f.name, result: await searchByPhoto(f) });
    } catch (e) {
      push({ who: 'error', text: e instanceof ApiError ? e.message : t('common.error') });
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };

  return (
    <div className="asst" role="dialog" aria-modal="false" aria-labelledby="asst-title">
      <div className="asst__head">
        <h2 id="asst-title" className="asst__title">{t('assistant.title')}</h2>
        <button type="button" className="asst__close ui-btn ui-btn--ghost ui-btn--sm" onClick={onClose} aria-label={t('nav.close')}>×</button>
      </div>
      <div className="asst__log" role="log" aria-live="polite" aria-label={t('assistant.conversation')}>
        {log.length === 0 && <p className="asst__hint">{t('assistant.hint')}</p>}
        {log.map((e) => {
          if (e.who === 'shopper') return <p key={e.id} className="asst-msg asst-msg--me">{e.text}</p>;
          if (e.who === 'error') return <p key={e.id} className="asst-msg asst-msg--err" role="alert">{e.text}</p>;
          if (e.who === 'photo') {
            return (
              <div key={e.id} className="asst-msg asst-msg--bot" data-testid="assistant-photo">
                <p>{t('assistant.photoFound', { count: e.result.items.length, colour: t(`colour.${e.result.query.dominant}`) })}</p>
                <PhotoHits result={e.result} />
              </div>
            );
          }
          const a = e.answer;
          return (
            <div key={e.id} className="asst-msg asst-msg--bot" data-testid="assistant-answer">
              <p className="asst-msg__reply">{a.reply}</p>
              {a.chips.length > 0 && a.intent === 'search' && (
                <ul className="asst-chips" aria-label={t('assistant.understood')}>
                  {a.chips.map((c) => (
                    <li key={c.ref}>
                      <span className={`asst-chip asst-chip--${c.kind}`}>
                        <button type="button" className="asst-chip__label" title={t('assistant.editChip', { chip: c.label })}
                          onClick={() => { setText(chipPhrase(c, a)); input.current?.focus(); }}>{c.label}</button>
                        <button type="button" className="asst-chip__x" aria-label={t('assistant.removeChip', { chip: c.label })} onClick={() => removeChip(a, c.ref, c.label)} disabled={busy}>×</button>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {a.cart?.status === 'needs_choice' && (
                <div className="asst-choices">
                  {a.cart.choices[0]?.values.map((v) => (
                    <button key={v} type="button" className="ui-btn ui-btn--secondary ui-btn--sm" disabled={busy}
                      onClick={() => { const m = t('assistant.addChoice', { value: v }); push({ who: 'shopper', text: m }); void send({ message: m }); }}>{v}</button>
                  ))}
                </div>
              )}
              <Hits answer={a} />
              <CompareTable answer={a} />
            </div>
          );
        })}
        {busy && <div className="asst__busy"><Spinner label={t('assistant.thinking')} /></div>}
        <div ref={end} />
      </div>
      <form className="asst__form" onSubmit={submit}>
        <label htmlFor="asst-input" className="ui-visually-hidden">{t('assistant.label')}</label>
        <input id="asst-input" ref={input} className="asst__input" value={text} onChange={(e) => setText(e.target.value)} maxLength={500}
          placeholder={t('assistant.placeholder')} autoComplete="off" />
        <input ref={file} type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="ui-visually-hidden" id="asst-photo"
          onChange={(e) => { void photo(e.target.files?.[0]); }} aria-label={t('assistant.photo')} />
        <label htmlFor="asst-photo" className="ui-btn ui-btn--ghost ui-btn--md asst__photo" title={t('assistant.photo')}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M4 8h3l2-3h6l2 3h3v11H4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" /><circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.8" /></svg>
          <span className="ui-visually-hidden">{t('assistant.photo')}</span>
        </label>
        <Button type="submit" busy={busy} disabled={!text.trim()}>{t('assistant.send')}</Button>
      </form>
    </div>
  );
}

export function AssistantButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="hdr-btn" aria-expanded={open} aria-controls="asst-panel" onClick={() => setOpen(!open)} data-testid="assistant-open">
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8z M18 15l.9 2.1 2.1.9-2.1.9L18 21l-.9-2.1L15 18l2.1-.9z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" /></svg>
        <span className="hdr-btn__label">{t('assistant.open')}</span>
      </button>
      {open && <div id="asst-panel"><AssistantPanel onClose={() => setOpen(false)} /></div>}
    </>
  );
}
