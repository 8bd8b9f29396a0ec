/**
 * i18next with the two locales bundled (no loading round trip): zh-CN by default, English by
 * the switch; the choice is kept in localStorage. `useT()` re-renders on a switch.
 */
import i18next from 'i18next';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../lib/format.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const resources = { 'zh-CN': zhCN, en } as const;

const STORAGE_KEY = 'one-list.lang';

export function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be blocked: default
  }
  return 'zh-CN';
}

export async function initI18n(lang: Lang): Promise<void> {
  await i18next.init({
    lng: lang,
    fallbackLng: 'zh-CN',
    resources: {
      'zh-CN': { translation: zhCN },
      en: { translation: en },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export async function setLang(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not kept: fine
  }
  document.documentElement.lang = lang;
}

export type T = (key: string, vars?: Record<string, string | number>) => string;

export interface I18n {
  readonly lang: Lang;
  readonly t: T;
}

export const I18nContext = createContext<I18n>({
  lang: 'zh-CN',
  t: (key) => key,
});

export function useT(): I18n {
  return useContext(I18nContext);
}

export function translator(): T {
  return (key, vars) => i18next.t(key, vars ?? {}) as string;
}
