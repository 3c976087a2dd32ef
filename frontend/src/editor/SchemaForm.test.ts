import { describe, expect, it } from "vitest";

import { fieldLabel, hasPlace, parseText, placeholderOf } from "./SchemaForm";
import type { JsonSchema } from "./types";
import { outlines, problemField } from "./useValidation";

const HOURS: JsonSchema = { type: "number", minimum: 0, maximum: 744, "x-unit": "hours", default: 730 };
const COUNT: JsonSchema = { type: "integer", minimum: 1 };
const CIDR: JsonSchema = { type: "string", format: "ipv4-cidr", maxLength: 18 };
const ZONE: JsonSchema = { type: "string", maxLength: 32, pattern: "^([a-z]{2}(-[a-z]+)+-[0-9][a-z])?$", description: "For example us-east-1a." };

describe("checking what is typed in a field", () => {
  it.each([
    [HOURS, "", undefined, true, null],
    [HOURS, " 730 ", 730, true, null],
    [HOURS, "12.5", 12.5, true, null],
    [HOURS, "800", 800, true, "Hours must be at most 744 hours."],
    [HOURS, "-1", -1, true, "Hours must be at least 0 hours."],
    [HOURS, "a lot", undefined, false, "Hours must be a number."],
    [COUNT, "2.5", undefined, false, "Hours must be a whole number."],
    [COUNT, "0", 0, true, "Hours must be at least 1."],
    [CIDR, "10.0.0.0/16", "10.0.0.0/16", true, null],
    [CIDR, "10.0.0.0/33", "10.0.0.0/33", true, "Hours must be an address range written like 10.0.0.0/16."],
    [CIDR, "10.0.0.0/16 and more", "10.0.0.0/16 and more", true, "Hours must be at most 18 characters."],
    [ZONE, "us-east-1a", "us-east-1a", true, null],
    [ZONE, "east", "east", true, "Hours is not in the expected form."],
  ])("%j: %j is written as %j (%s), with the message %j", (schema, text, value, ok, message) => {
    expect(parseText(schema, text, "Hours")).toEqual({ value, ok, message });
  });

  it("shows the default as the placeholder, and the unit in the label", () => {
    expect(placeholderOf(HOURS)).toBe("730");
    expect(placeholderOf({ type: "string", default: "" })).toBe("");
    expect(placeholderOf({ type: "array", default: [] })).toBe("");
    expect(fieldLabel("monthly_hours", { ...HOURS, title: "Hours running per month" })).toBe("Hours running per month (hours)");
    expect(fieldLabel("retention_days", { type: "integer" })).toBe("Retention days");
  });
});

describe("where a server problem is shown", () => {
  const groups = { props: { properties: { cidr: CIDR, rules: { type: "array" } } }, usage: { properties: { monthly_hours: HOURS } } };

  it("at the field it names, down to an item of a list", () => {
    expect(hasPlace("props.cidr", groups)).toBe(true);
    expect(hasPlace("props.rules.0.cidr", groups)).toBe(true);
    expect(hasPlace("usage.monthly_hours", groups)).toBe(true);
    expect(hasPlace("props.unknown", groups)).toBe(false);
    expect(hasPlace("parent", groups)).toBe(false);
  });

  it("by its field, else by its path", () => {
    const base = { code: "c", message: "m", node: "n", edge: null, severity: "error" as const };
    expect(problemField({ ...base, path: "$.nodes[3].props.cidr", field: "props.cidr" })).toBe("props.cidr");
    expect(problemField({ ...base, path: "$.nodes[3].props.rules[2].cidr", field: null })).toBe("props.rules.2.cidr");
    expect(problemField({ ...base, path: "$.nodes[3]", field: null })).toBeNull();
    expect(problemField({ ...base, path: "$.settings.hours_per_month", field: null })).toBe("settings.hours_per_month");
  });

  it("on the canvas: the errors of each node, one a line, and not its warnings", () => {
    const base = { code: "c", path: "$", edge: null, field: null };
    expect(
      outlines([
        { ...base, message: "First.", node: "a", severity: "error" },
        { ...base, message: "Only a warning.", node: "b", severity: "warning" },
        { ...base, message: "Second.", node: "a", severity: "error" },
        { ...base, message: "About the design.", node: null, severity: "error" },
      ]),
    ).toEqual({ a: "First.\nSecond." });
  });
});
