// The hash router: `#/dialogues/<id>?tab=mine` → { view: 'dialogues', params: ['<id>'], query }.

export function parseHash(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view, params, query: Object.fromEntries(new URLSearchParams(search)) };
}

/** The hash of a route: `hashOf('dialogues', id)` → `#/dialogues/<id>`. */
export function hashOf(view, ...params) {
  return `#/${[view, ...params].map(encodeURIComponent).join('/')}`;
}

export class HashRouter {
  constructor(target = globalThis) {
    this.target = target;
    this.listeners = new Set();
    this.onHashChange = () => this.emit();
    target.addEventListener('hashchange', this.onHashChange);
  }

  get route() { return parseHash(this.target.location.hash); }

  /** Calls `listener(route)` on every change; returns an unsubscribe. */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  navigate(hash, { replace = false } = {}) {
    if (this.target.location.hash === hash) return;
    if (replace) {
      this.target.history.replaceState(null, '', hash);
      this.emit();
    } else {
      this.target.location.hash = hash;
    }
  }

  emit() {
    const route = this.route;
    for (const listener of [...this.listeners]) listener(route);
  }
}
