// English labels of the shell. Views bring their own (see docs/client.md).
export default {
  app: { name: 'Switchboard', console: 'Operator console', skip: 'Skip to content' },
  signIn: {
    title: 'Sign in to the console',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    invalid: 'Wrong e-mail or password.',
    failed: 'Could not sign in: {message}',
  },
  header: {
    nav: 'Views',
    signOut: 'Sign out',
    language: 'Language',
    presence: 'Presence',
    badge: '{n} waiting',
    connection: 'Connection',
  },
  connection: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    unauthorized: 'Signed out by the server',
    closed: 'Closed',
  },
  presence: { AVAILABLE: 'Available', BUSY: 'Busy', AWAY: 'Away', OFFLINE: 'Offline' },
  role: { ADMIN: 'Administrator', SUPERVISOR: 'Supervisor', MANAGER: 'Manager', OPERATOR: 'Operator' },
  view: {
    notFound: 'There is no such view.',
    failed: 'This view failed to open: {message}',
    loading: 'Loading…',
  },
  common: {
    cancel: 'Cancel', close: 'Close', save: 'Save', search: 'Search', retry: 'Try again',
    empty: 'Nothing here yet.', error: 'Something went wrong: {message}', none: '—',
  },
  units: { minutes: '{n} min', hours: '{n} h' },
};
