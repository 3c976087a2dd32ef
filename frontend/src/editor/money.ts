/** Amounts of money as the server sends them (decimal strings in USD, "1234.5") shown to people ("$1,234.50")
 * and ordered, without passing through a float: the figure shown is the figure the server computed. */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

interface Parts {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parts(amount: string): Parts | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;
  const [, sign = "", whole = "0", fraction = ""] = match;
  return { negative: sign === "-", whole: whole.replace(/^0+(?=\d)/, ""), fraction };
}

/** "$1,234.50" for "1234.5"; a string that is not a plain decimal is returned as it was. */
export function formatUsd(amount: string): string {
  const p = parts(amount);
  if (!p) return amount;
  const grouped = p.whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = p.fraction.length >= 2 ? p.fraction : p.fraction.padEnd(2, "0");
  return `${p.negative ? "-" : ""}$${grouped}.${cents}`;
}

/** Orders two decimal strings as numbers (for sorting; strings that are not decimals come last). */
export function compareDecimal(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
  const zero = (p: Parts) => /^0*$/.test(p.whole + p.fraction);
  const sign = (p: Parts) => (zero(p) ? 0 : p.negative ? -1 : 1);
  if (sign(x) !== sign(y)) return sign(x) - sign(y);
  const width = Math.max(x.fraction.length, y.fraction.length);
  const digits = (p: Parts) => [p.whole, p.fraction.padEnd(width, "0")] as const;
  const [xw, xf] = digits(x);
  const [yw, yf] = digits(y);
  const size = xw.length - yw.length || (xw + xf < yw + yf ? -1 : xw + xf > yw + yf ? 1 : 0);
  return sign(x) < 0 ? -size : size;
}

/** The entries of a by-node (by-service...) table of amounts, the largest first. */
export function largestFirst(amounts: Record<string, string>): [string, string][] {
  return Object.entries(amounts).sort(([, a], [, b]) => compareDecimal(b, a));
}
