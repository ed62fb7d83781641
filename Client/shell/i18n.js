// Labels in English and Russian. Shell strings live in `Client/i18n/<lang>.js`; a view brings its
// own as `strings: { en: {...}, ru: {...} }`, registered under the view's id (`t('support.log')`).

import en from '../i18n/en.js';
import ru from '../i18n/ru.js';

export const LANGUAGES = Object.freeze(['en', 'ru']);

function lookup(dictionary, key) {
  let value = dictionary;
  for (const part of key.split('.')) {
    if (value == null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  return value;
}

export class I18n {
  constructor({ storage = globalThis.localStorage, key = 'switchboard.language' } = {}) {
    this.storage = storage;
    this.key = key;
    this.dictionaries = { en: { ...en }, ru: { ...ru } };
    this.listeners = new Set();
    const stored = storage?.getItem(key);
    const preferred = (globalThis.navigator?.language ?? 'en').slice(0, 2);
    this.lang = LANGUAGES.includes(stored) ? stored : LANGUAGES.includes(preferred) ? preferred : 'en';
    this.t = this.t.bind(this);
    document.documentElement.lang = this.lang;
  }

  /** The label for `key` in the current language (English if missing), `{name}` filled from params. */
  t(key, params = {}) {
    let text = lookup(this.dictionaries[this.lang], key) ?? lookup(this.dictionaries.en, key);
    if (typeof text === 'function') return text(params);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
  }

  /** Picks from `{ en, ru }` (English when the language is missing). */
  pick(labels) {
    return labels?.[this.lang] ?? labels?.en ?? '';
  }

  /** Adds a view's strings under `namespace`. */
  register(namespace, strings = {}) {
    for (const lang of LANGUAGES) {
      if (strings[lang]) this.dictionaries[lang][namespace] = strings[lang];
    }
  }

  setLanguage(lang) {
    if (!LANGUAGES.includes(lang) || lang === this.lang) return;
    this.lang = lang;
    this.storage?.setItem(this.key, lang);
    document.documentElement.lang = lang;
    for (const listener of [...this.listeners]) listener(lang);
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Locale for Intl formatting. */
  get locale() { return this.lang === 'ru' ? 'ru-RU' : 'en-GB'; }
}
