/**
 * Instant search: results appear as the shopper types (debounced), in a listbox that the arrow
 * keys move through; Enter opens the highlighted product or the full results page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@shared/i18n';
import { listProducts, type ProductList } from '../app/catalog';
import { navigate, useLocation } from '../app/router';
import { useDebounced } from '../app/use-async';
import { Price } from './Price';

export function SearchBox({ large, autoFocus }: { large?: boolean; autoFocus?: boolean }) {
  const t = useT();
  const { path, query } = useLocation();
  const [text, setText] = useState(path === '/search' ? query.get('q') ?? '' : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<ProductList['items']>([]);
  const [total, setTotal] = useState(0);
  const q = useDebounced(text.trim(), 120);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!q) { setResults([]); setTotal(0); return; }
    let live = true;
    listProducts({ q, limit: 6 }).then((r) => { if (live) { setResults(r.items); setTotal(r.total); setActive(-1); } }, () => undefined);
    return () => { live = false; };
  }, [q]);

  useEffect(() => {
    const close = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const go = (to: string) => {
    setOpen(false);
    // Keep the words on the results page; clear them once a product is chosen.
    if (!to.startsWith('/search')) setText('');
    navigate(to);
  };
  const submit = () => {
    if (active >= 0 && results[active]) go(`/p/${results[active].handle}`);
    else if (text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
  };
  const showList = open && q.length > 0;

  return (
    <div className={`search ${large ? 'search--large' : ''}`} ref={box}>
      <form role="search" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label htmlFor={`${id}-q`} className="ui-visually-hidden">{t('search.label')}</label>
        <svg className="search__icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" /><path d="M20 20l-3.5-3.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
        <input id={`${id}-q`} type="search" className="search__input" placeholder={t('search.placeholder')} value={text} autoComplete="off" autoFocus={autoFocus}
          role="combobox" aria-expanded={showList} aria-controls={`${id}-list`} aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${id}-opt-${active}` : undefined}
          onChange={(e) => { setText(e.target.value); setOpen(true); }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, results.length - 1)); }
            else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, -1)); }
            else if (e.key === 'Escape') setOpen(false);
          }} />
        <button type="submit" className="ui-visually-hidden">{t('search.submit')}</button>
      </form>
      {showList && (
        <div className="search__panel">
          <ul id={`${id}-list`} role="listbox" aria-label={t('search.label')} className="search__list">
            {results.map((p, i) => (
              <li key={p.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === active}
                className={`search__opt ${i === active ? 'search__opt--active' : ''}`}
                onMouseDown={(e) => { e.preventDefault(); go(`/p/${p.handle}`); }} onMouseEnter={() => setActive(i)}>
                {p.thumbnail ? <img src={p.thumbnail} alt="" width={44} height={44} /> : <span className="search__thumb" />}
                <span className="search__name">{p.title}</span>
                {p.priceRange && <Price amount={p.priceRange.min} currency={p.priceRange.currency} />}
              </li>
            ))}
          </ul>
          {results.length === 0 && <p className="search__none">{t('search.none', { q })}</p>}
          {total > results.length && (
            <button type="button" className="search__all" onMouseDown={(e) => { e.preventDefault(); go(`/search?q=${encodeURIComponent(q)}`); }}>
              {t('search.seeAll', { q })} ({total})
            </button>
          )}
        </div>
      )}
    </div>
  );
}
