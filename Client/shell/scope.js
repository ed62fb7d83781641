// A bag of clean-up functions: what a view starts (subscriptions, timers, listeners) ends with it.

export class Scope {
  constructor() {
    this.cleanups = [];
    this.disposed = false;
  }

  /** Registers a clean-up function; returns it. Runs at once if the scope is already disposed. */
  add(cleanup) {
    if (this.disposed) cleanup();
    else this.cleanups.push(cleanup);
    return cleanup;
  }

  /** setInterval that is cleared with the scope. */
  interval(fn, ms) {
    const id = setInterval(fn, ms);
    this.add(() => clearInterval(id));
    return id;
  }

  /** addEventListener that is removed with the scope. */
  listen(target, type, listener, options) {
    target.addEventListener(type, listener, options);
    this.add(() => target.removeEventListener(type, listener, options));
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      try { cleanup(); } catch (error) { console.warn('clean-up failed', error); }
    }
  }
}
