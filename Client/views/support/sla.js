// SLA on the screen: which deadline of an inquiry counts now, and its colour — green while
// running, amber once `slaDeadlineApproaching` has warned of it, red once it is missed
// (`slaBreached`, or state MISSED when loaded).

import { formatCountdown } from '../../shell/format.js';

export const Level = Object.freeze({ OK: 'ok', APPROACHING: 'approaching', BREACHED: 'breached', PAUSED: 'paused', MET: 'met', NONE: 'none' });

/** The deadline to show: a missed one first, else the running one due soonest, else a paused one. */
export function currentDeadline(inquiry) {
  const deadlines = inquiry.slaDeadlines ?? [];
  return deadlines.find((d) => d.state === 'MISSED')
    ?? deadlines.filter((d) => d.state === 'RUNNING' && d.dueAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0]
    ?? deadlines.find((d) => d.state === 'PAUSED')
    ?? null;
}

/** Tracks warnings and breaches received live, by deadline id. */
export class SlaAlarms {
  constructor() {
    this.warned = new Set();
    this.breached = new Set();
  }

  warn(deadlineId) { this.warned.add(deadlineId); }
  breach(deadlineId) { this.breached.add(deadlineId); }

  /**
   * The level of a deadline. When loaded (no event seen), a missed deadline is red and a running
   * one within the policy's largest warning lead is amber — the warning has fired already.
   */
  level(deadline, inquiry, now = Date.now()) {
    if (!deadline) return Level.NONE;
    if (this.breached.has(deadline.id) || deadline.state === 'MISSED') return Level.BREACHED;
    if (deadline.state === 'MET') return Level.MET;
    if (deadline.state === 'PAUSED') return Level.PAUSED;
    if (this.warned.has(deadline.id)) return Level.APPROACHING;
    const lead = Math.max(0, ...(inquiry.slaPolicy?.warningLeadMinutes ?? []));
    if (deadline.dueAt && new Date(deadline.dueAt) - now <= lead * 60_000) return Level.APPROACHING;
    return Level.OK;
  }
}

/** The countdown's text: time left (or overdue, with a minus) to the deadline. */
export function countdownText(deadline, t, now = Date.now()) {
  if (!deadline) return t('support.noSla');
  if (deadline.state === 'PAUSED') return t('support.paused');
  if (deadline.state === 'MET') return t('support.met');
  if (!deadline.dueAt) return t('common.none');
  return formatCountdown(new Date(deadline.dueAt) - now);
}
