/**
 * The catalog's rules as the editor applies them while the user works: where a kind may sit and what it may
 * connect to. The server checks the same rules again on save; here they explain a refusal at once.
 */

import type { Palette, PaletteConnection, PaletteKind } from "./types";

export interface Catalog {
  kinds: ReadonlyMap<string, PaletteKind>;
  categories: Palette["categories"];
  presets: Palette["presets"];
}

export function catalogOf(palette: Palette): Catalog {
  return {
    kinds: new Map(palette.kinds.map((k) => [k.kind, k])),
    categories: palette.categories,
    presets: palette.presets,
  };
}

export function kindLabel(catalog: Catalog, kind: string): string {
  return catalog.kinds.get(kind)?.label ?? kind;
}

/** Why a node of `kind` may not sit in a container of `parentKind` (null: on the canvas itself), or null if it may. */
export function placementProblem(catalog: Catalog, kind: string, parentKind: string | null): string | null {
  const spec = catalog.kinds.get(kind);
  if (!spec) return `${kind} is not a component this designer knows.`;
  if (parentKind === null) {
    if (spec.at_root) return null;
    const places = spec.parents.map((p) => article(kindLabel(catalog, p))).join(" or ");
    return `${article(spec.label, true)} must be placed inside ${places}.`;
  }
  if (spec.parents.includes(parentKind)) return null;
  const where = spec.parents.length
    ? `inside ${spec.parents.map((p) => article(kindLabel(catalog, p))).join(" or ")}`
    : "on the canvas, outside any container";
  return `${article(spec.label, true)} cannot go in ${article(kindLabel(catalog, parentKind))}: it belongs ${where}.`;
}

/** The connection the catalog allows from `source` to `target`, or the reason there is none. */
export function connectionBetween(
  catalog: Catalog,
  sourceKind: string,
  targetKind: string,
): { connection: PaletteConnection } | { problem: string } {
  const spec = catalog.kinds.get(sourceKind);
  const connection = spec?.connections.find((c) => c.target === targetKind);
  if (connection) return { connection };
  const source = kindLabel(catalog, sourceKind);
  const target = kindLabel(catalog, targetKind);
  const reverse = catalog.kinds.get(targetKind)?.connections.some((c) => c.target === sourceKind);
  const hint = reverse ? ` Draw it the other way: from the ${target} to the ${source}.` : "";
  return { problem: `${article(source, true)} cannot connect to ${article(target)}.${hint}` };
}

const COMMON_NOUNS = new Set(["Region", "Subnet", "Internet", "Security", "Network", "Gateway", "Interface", "On-premises"]);

/** A kind's label inside a sentence: "a subnet", "a network ACL", but "a Network Load Balancer". */
function inSentence(label: string): string {
  const [first = "", ...rest] = label.split(" ");
  const proper = rest.some((word) => /^[A-Z][a-z]/.test(word));
  return COMMON_NOUNS.has(first) && !proper ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** "an EC2 instance", "an S3 bucket", "a VPC", "a subnet" (capitalised to start a sentence). */
export function article(label: string, capital = false): string {
  const first = label.split(/\s/)[0] ?? "";
  const acronym = first.length > 1 && first === first.toUpperCase() && /[A-Z]/.test(first);
  const vowelSound = acronym ? /^[AEFHILMNORSX]/.test(first) : /^[aeiou]/i.test(first) && !/^(us|uni|eu)/i.test(first);
  const word = vowelSound ? "an" : "a";
  return `${capital ? word.charAt(0).toUpperCase() + word.slice(1) : word} ${inSentence(label)}`;
}
