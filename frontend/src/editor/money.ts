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

/** `a - b` for two decimal strings, exactly ("1234.56" - "1000" is "234.56"); null when either is not a decimal. */
export function subtractDecimal(a: string, b: string): string | null {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return null;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const scaled = (p: Parts) => {
    const digits = BigInt(p.whole + p.fraction.padEnd(width, "0"));
    return p.negative ? -digits : digits;
  };
  const difference = scaled(x) - scaled(y);
  const negative = difference < 0n;
  const digits = (negative ? -difference : difference).toString().padStart(width + 1, "0");
  const whole = digits.slice(0, digits.length - width);
  const fraction = digits.slice(digits.length - width);
  return `${negative ? "-" : ""}${whole}${width > 0 ? `.${fraction}` : ""}`;
}

/** A figure of the document (a number, or a numeric string) as a decimal string; null when it is not one. */
export function decimalOf(value: unknown): string | null {
  if (typeof value === "string") return parts(value) ? value.trim() : null;
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const shown = String(value);
  return parts(shown) ? shown : value.toFixed(2);
}
