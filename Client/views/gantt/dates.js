// Calendar dates (`YYYY-MM-DD`) as whole day numbers, and the working days of a project calendar.

const DAY_MS = 86_400_000;
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Days since 1970-01-01 of a date. */
export function dayNumber(date) {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The date of a day number. */
export function dateOf(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date, days) {
  return dateOf(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date) {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** Today's date in a time zone. */
export function todayIn(timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** `30 Nov` / `30 нояб.`, or with `options` any other shape. */
export function formatDate(date, locale, options = { day: 'numeric', month: 'short' }) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(dayNumber(date) * DAY_MS));
}

/** Working days of a `WorkingCalendar` (its week and special days), for shading and shifting. */
export class WorkingDays {
  constructor(calendar) {
    this.offWeekdays = new Set((calendar?.week ?? []).filter((day) => !day.intervals.length).map((day) => WEEKDAYS.indexOf(day.weekday)));
    this.special = new Map((calendar?.specialDays ?? []).map((day) => [day.date, day.kind]));
  }

  isWorking(date) {
    const special = this.special.get(date);
    if (special) return special === 'WORKING';
    return !this.offWeekdays.has(weekday(date));
  }

  /** The date `count` working days after (negative: before) `date`. */
  shift(date, count) {
    const step = Math.sign(count);
    let left = Math.abs(count);
    let current = date;
    for (let guard = 0; left > 0 && guard < 3660; guard += 1) {
      current = addDays(current, step);
      if (this.isWorking(current)) left -= 1;
    }
    return current;
  }
}
