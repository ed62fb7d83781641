// Sums of `Decimal` amounts (strings) without binary floats, per currency.

function parse(value) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value ?? '').trim());
  if (!match) return null;
  return { negative: match[1] === '-', digits: match[2] + (match[3] ?? ''), scale: (match[3] ?? '').length };
}

/** `a + b` for two Decimal strings. */
export function addDecimal(a, b) {
  const x = parse(a);
  const y = parse(b);
  if (!x) return y ? String(b) : '0';
  if (!y) return String(a);
  const scale = Math.max(x.scale, y.scale);
  const big = (p) => (p.negative ? -1n : 1n) * BigInt(p.digits) * 10n ** BigInt(scale - p.scale);
  return toDecimal(big(x) + big(y), scale);
}

/** `a / n`, rounded half up to whole units (for an average). */
export function divideDecimal(a, n) {
  const x = parse(a);
  if (!x || !n) return '0';
  const value = BigInt(x.digits) * (x.negative ? -1n : 1n);
  const divisor = BigInt(n) * 10n ** BigInt(x.scale);
  return String((value * 2n + divisor) / (divisor * 2n));
}

function toDecimal(value, scale) {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  if (scale) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return (negative ? '-' : '') + digits;
}

/**
 * Totals of deals by currency: `[{ currency, sum, count }]`, the currency with the most deals
 * first. Deals without an amount are counted apart (`unpriced`).
 */
export function totalsByCurrency(deals) {
  const totals = new Map();
  let unpriced = 0;
  for (const deal of deals) {
    if (deal.amount == null) { unpriced += 1; continue; }
    const entry = totals.get(deal.currency) ?? { currency: deal.currency, sum: '0', count: 0 };
    entry.sum = addDecimal(entry.sum, deal.amount);
    entry.count += 1;
    totals.set(deal.currency, entry);
  }
  return { totals: [...totals.values()].sort((a, b) => b.count - a.count), unpriced };
}

/** An amount for the board: whole units, the currency's narrow symbol (`₽115,643,000`, `115 643 000 ₽`). */
export function formatAmount(amount, currency, locale) {
  const number = Number(amount ?? 0);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'RUB', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(number);
  } catch {
    return `${Math.round(number).toLocaleString(locale)} ${currency ?? ''}`.trim();
  }
}
