// The sign-in form: e-mail and password, errors in words, a language switch.

import { h, replace } from './dom.js';
import { SignInError } from '../lib/auth.js';
import { languageSwitch } from './language-switch.js';
import { icon } from './icons.js';

/**
 * Renders the form into `root`; calls `onSignedIn(user)` after a successful sign-in.
 * Returns a function that removes the form.
 */
export function showSignIn(root, { auth, i18n, onSignedIn }) {
  const { t } = i18n;
  const render = () => {
    const message = h('p', { class: 'form-error', role: 'alert', id: 'sign-in-error' });
    const email = h('input', { id: 'sign-in-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
    const password = h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, t('signIn.submit'));
    const form = h('form', {
      class: 'sign-in-form',
      'aria-describedby': 'sign-in-error',
      onsubmit: async (event) => {
        event.preventDefault();
        message.textContent = '';
        submit.disabled = true;
        submit.textContent = t('signIn.busy');
        try {
          const user = await auth.signIn(email.value.trim(), password.value);
          onSignedIn(user);
        } catch (error) {
          message.textContent = error instanceof SignInError && error.code === 'INVALID_CREDENTIALS'
            ? t('signIn.invalid') : t('signIn.failed', { message: error.message });
          submit.disabled = false;
          submit.textContent = t('signIn.submit');
          password.select();
        }
      },
    },
    h('h1', {}, t('signIn.title')),
    h('label', { for: 'sign-in-email' }, t('signIn.email')), email,
    h('label', { for: 'sign-in-password' }, t('signIn.password')), password,
    message,
    submit);
    replace(root, h('main', { class: 'sign-in', id: 'main' },
      h('div', { class: 'sign-in-card' },
        h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('phone', 20)), t('app.name'),
          h('span', { class: 'brand-sub' }, t('app.console'))),
        form,
        languageSwitch(i18n))));
    email.focus();
  };
  render();
  const off = i18n.onChange(render);
  return () => { off(); root.replaceChildren(); };
}
