// Days and hours in the user's time zone (not the browser's): the day a task is due on, where a
// time slot sits in the day calendar. Dates are `YYYY-MM-DD` strings, instants `Date`s.

const partFormats = new Map();

function partFormat(timeZone) {
  if (!partFormats.has(timeZone)) {
    partFormats.set(timeZone, new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }));
  }
  return partFormats.get(timeZone);
}

/** The wall-clock reading of an instant in a time zone: { year, month, day, hour, minute, second }. */
export function wallClock(instant, timeZone) {
  const parts = Object.fromEntries(partFormat(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second };
}

const pad = (n) => String(n).padStart(2, '0');

/** The date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dateIn(instant, timeZone) {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The date `days` after (or before) a date. */
export function addDays(date, days) {
  const [year, month, day] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** The instant a date begins (local midnight) in a time zone. */
export function startOfDay(date, timeZone) {
  const [year, month, day] = date.split('-').map(Number);
  const wanted = Date.UTC(year, month - 1, day);
  let guess = wanted;
  for (let i = 0; i < 3; i += 1) {
    const wall = wallClock(new Date(guess), timeZone);
    const read = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    if (read === wanted) break;
    guess += wanted - read;
  }
  return new Date(guess);
}

/** `{ from, to }` (ISO strings, `to` exclusive) of a whole day in a time zone: a `DateTimeRangeInput`. */
export function dayRange(date, timeZone) {
  return { from: startOfDay(date, timeZone).toISOString(), to: startOfDay(addDays(date, 1), timeZone).toISOString() };
}

/** `14:05` in the time zone and language. */
export function formatClock(instant, timeZone, locale) {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** `Sunday, 29 November` in the language. */
export function formatDay(date, locale, options = { weekday: 'long', day: 'numeric', month: 'long' }) {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}
