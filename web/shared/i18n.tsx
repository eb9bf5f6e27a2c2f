/**
 * A small i18n helper: each app hands in its message catalogues (English is the reference and the
 * fallback); `t('cart.title')` or `t('cart.items', { count: 3 })` looks a key up in the current
 * language and fills `{name}` placeholders. Plural forms use Intl.PluralRules: a key may have
 * `key.one` / `key.other` variants. The choice persists in localStorage and sets <html lang>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Messages = Record<string, string>;
export type Catalogues = { en: Messages } & Record<string, Messages>;
export type Vars = Record<string, string | number>;

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español' };

/** Fills `{name}` placeholders; a missing variable stays visible rather than silently blank. */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A translate function over catalogues for one language. */
export function translator(catalogues: Catalogues, lang: string) {
  const rules = new Intl.PluralRules(lang);
  const own = catalogues[lang] ?? {};
  const en = catalogues.en;
  return (key: string, vars?: Vars): string => {
    if (vars && typeof vars.count === 'number') {
      const form = `${key}.${rules.select(vars.count)}`;
      const text = own[form] ?? own[`${key}.other`] ?? en[`${key}.${new Intl.PluralRules('en').select(vars.count)}`] ?? en[`${key}.other`];
      if (text !== undefined) return interpolate(text, vars);
    }
    const text = own[key] ?? en[key];
    return text === undefined ? key : interpolate(text, vars);
  };
}

export interface I18n {
  lang: string;
  languages: string[];
  setLang(lang: string): void;
  t(key: string, vars?: Vars): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(catalogues: Catalogues, storageKey: string): string {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
  if (saved && catalogues[saved]) return saved;
  for (const l of typeof navigator !== 'undefined' ? navigator.languages ?? [] : []) {
    const base = l.slice(0, 2).toLowerCase();
    if (catalogues[base]) return base;
  }
  return 'en';
}

export function I18nProvider({ catalogues, storageKey = 'emporia.lang', children }: { catalogues: Catalogues; storageKey?: string; children: ReactNode }) {
  const [lang, setLangState] = useState(() => initialLang(catalogues, storageKey));
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  const setLang = useCallback((l: string) => {
    if (!catalogues[l]) return;
    localStorage.setItem(storageKey, l);
    setLangState(l);
  }, [catalogues, storageKey]);
  const value = useMemo<I18n>(() => ({ lang, languages: Object.keys(catalogues), setLang, t: translator(catalogues, lang) }), [lang, catalogues, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside <I18nProvider>');
  return ctx;
}

/** Shorthand for the translate function. */
export function useT(): I18n['t'] {
  return useI18n().t;
}

/** A labelled language picker. */
export function LanguageSwitcher({ label = 'Language', className }: { label?: string; className?: string }) {
  const { lang, languages, setLang } = useI18n();
  return (
    <label className={`ui-lang ${className ?? ''}`}>
      <span className="ui-visually-hidden">{label}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value)} aria-label={label}>
        {languages.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l] ?? l}</option>)}
      </select>
    </label>
  );
}
