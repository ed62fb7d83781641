// Dates, money and durations for people, in the console's language.

export function formatDateTime(value, locale) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatTime(value, locale) {
  if (!value) return '';
  const date = new Date(value);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    .format(date);
}

export function formatDate(value, locale) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value));
}

/** A `Decimal` (a string) with its currency: `125000.5`, `RUB` → `125 000,50 ₽`. */
export function formatMoney(amount, currency, locale) {
  if (amount == null) return '';
  const number = Number(amount);
  if (!Number.isFinite(number)) return `${amount} ${currency ?? ''}`.trim();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'RUB', maximumFractionDigits: 2 }).format(number);
  } catch {
    return `${number.toLocaleString(locale)} ${currency ?? ''}`.trim();
  }
}

/** Milliseconds as `−1:05:09`, `12:04`, `0:59`, `3d 04:05:09`: hours and days only when there are some. */
export function formatCountdown(ms) {
  const sign = ms < 0 ? '−' : '';
  let seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const pad = (n) => String(n).padStart(2, '0');
  if (days) return `${sign}${days}d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return hours ? `${sign}${hours}:${pad(minutes)}:${pad(seconds)}` : `${sign}${minutes}:${pad(seconds)}`;
}

/** Minutes as `1 h 30 min` / `1 ч 30 мин`. */
export function formatMinutes(minutes, t) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return t('units.minutes', { n: rest });
  return rest ? `${t('units.hours', { n: hours })} ${t('units.minutes', { n: rest })}` : t('units.hours', { n: hours });
}

/** Today's date as `YYYY-MM-DD` in local time (a GraphQL `Date`). */
export function localDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
