// EN / RU buttons; the choice is kept in localStorage by I18n.

import { h } from './dom.js';
import { LANGUAGES } from './i18n.js';

export function languageSwitch(i18n) {
  return h('div', { class: 'language-switch', role: 'group', 'aria-label': i18n.t('header.language') },
    LANGUAGES.map((lang) => h('button', {
      type: 'button',
      class: 'chip',
      lang,
      dataset: { lang },
      'aria-pressed': String(lang === i18n.lang),
      onclick: () => i18n.setLanguage(lang),
    }, lang.toUpperCase())));
}
