// Dates in the user's time zone (the one the server uses for them): today, the first of the
// month as an instant, and how a deal's expected close date stands against today.

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dateIn(timeZone, instant = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The zone's UTC offset at an instant, as `+03:00`. */
function offsetIn(timeZone, instant) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** Midnight of the first day of the current month in the zone, as an RFC 3339 instant. */
export function monthStartIn(timeZone, instant = new Date()) {
  const [year, month] = dateIn(timeZone, instant).split('-');
  const noon = new Date(Date.UTC(Number(year), Number(month) - 1, 1, 12));
  return `${year}-${month}-01T00:00:00${offsetIn(timeZone, noon)}`;
}

/** `overdue`, `today`, `later` or `none`: a deal's expected close date against today. */
export function deadlineOf(expectedCloseDate, today) {
  if (!expectedCloseDate) return 'none';
  if (expectedCloseDate < today) return 'overdue';
  return expectedCloseDate === today ? 'today' : 'later';
}

/** A time zone the browser knows, else its own. */
export function usableZone(timeZone) {
  try {
    if (timeZone) { new Intl.DateTimeFormat('en', { timeZone }); return timeZone; }
  } catch { /* unknown zone: fall through */ }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
