// Mounts the view the route names into the main area, with a context (`ctx`) whose
// subscriptions, timers and listeners end when the view is left.
//
// A view module: export default { id, label: { en, ru }, icon?, strings?: { en, ru },
//   mount(container, ctx) → undefined | unmount function | { unmount?(), update?(route) } }.

import { h, replace } from './dom.js';
import { hashOf } from './router.js';
import { Scope } from './scope.js';

/** The context handed to a view or an overlay; `scope` owns what it starts. */
export function makeContext(session, scope, route = null) {
  const { api, live, me, i18n, router, notify } = session;
  return {
    api,
    live,
    me,
    i18n,
    t: i18n.t,
    get lang() { return i18n.lang; },
    get locale() { return i18n.locale; },
    route,
    notify,
    scope,
    /** Like `live.subscribe`, stopped with the view. */
    subscribe: (request, observer) => (scope.disposed ? () => {} : scope.add(live.subscribe(request, observer))),
    /** Runs `fn` when the view is left. */
    onCleanup: (fn) => scope.add(fn),
    /** Goes to a view: `ctx.navigate('dialogues', id)`. */
    navigate: (view, ...params) => router.navigate(hashOf(view, ...params)),
    hashOf,
  };
}

function normaliseHandle(handle) {
  if (typeof handle === 'function') return { unmount: handle };
  return handle ?? {};
}

export class ViewHost {
  constructor(container, session) {
    this.container = container;
    this.session = session;
    this.current = null; // { view, scope, handle }
  }

  get views() { return this.session.views; }

  show(route) {
    const view = this.views.find((candidate) => candidate.id === route.view);
    if (!view) {
      this.leave();
      replace(this.container, h('p', { class: 'empty' }, this.session.i18n.t('view.notFound')));
      return;
    }
    if (this.current?.view === view && this.current.handle.update) {
      this.current.handle.update(route);
      return;
    }
    this.leave();
    const scope = new Scope();
    const current = { view, scope, handle: {} };
    this.current = current;
    this.container.replaceChildren();
    this.container.dataset.view = view.id;
    document.title = `${this.session.i18n.pick(view.label)} · ${this.session.i18n.t('app.name')}`;
    try {
      const result = view.mount(this.container, makeContext(this.session, scope, route));
      Promise.resolve(result).then((handle) => {
        if (this.current === current) current.handle = normaliseHandle(handle);
        else normaliseHandle(handle).unmount?.();
      }, (error) => this.failed(current, error));
    } catch (error) {
      this.failed(current, error);
    }
  }

  failed(current, error) {
    if (this.current !== current) return;
    console.warn('view failed', error);
    replace(this.container, h('p', { class: 'empty error' }, this.session.i18n.t('view.failed', { message: error.message })));
  }

  /** Unmounts the current view. */
  leave() {
    if (!this.current) return;
    const { scope, handle } = this.current;
    this.current = null;
    try { handle.unmount?.(); } finally { scope.dispose(); }
  }

  /** Mounts the current view again (e.g. after a language change). */
  refresh(route) {
    this.leave();
    this.show(route);
  }
}
