import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { EXAMPLES } from "../test/editor";
import { renderEditorPanel } from "../test/inspect";
import { Inspector } from "./Inspector";
import type { DesignDocument } from "./types";

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;
const HYBRID = EXAMPLES["hybrid-connectivity"]!;

/** The three-tier example with an EC2 instance (a bastion) in its first public subnet. */
function withInstance(props: Record<string, unknown> = {}): DesignDocument {
  return {
    ...THREE_TIER,
    nodes: [...THREE_TIER.nodes, { id: "bastion", kind: "aws.ec2.instance", label: "bastion", parent: "public-a", props }],
  };
}

describe("the inspector, for a component", () => {
  it("writes a property typed in it to the design when the field is left, as one step of undo", async () => {
    const user = userEvent.setup();
    const { node, store } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["vpc"] } });
    expect(screen.getByRole("heading", { name: "app-vpc" })).toBeInTheDocument();
    const cidr = screen.getByRole("textbox", { name: "IPv4 CIDR" });
    expect(cidr).toHaveValue("10.0.0.0/16");

    await user.clear(cidr);
    await user.type(cidr, "10.8.0.0/16");
    expect(node("vpc").props?.cidr).toBe("10.0.0.0/16");
    await user.tab();
    expect(node("vpc").props?.cidr).toBe("10.8.0.0/16");
    expect(store.getState().past).toHaveLength(1);
  });

  it("removes a property whose field is emptied, and shows the default in its place", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["vpc"] } });
    const cidr = screen.getByRole("textbox", { name: "IPv4 CIDR" });
    await user.clear(cidr);
    await user.keyboard("{Enter}");
    expect(node("vpc").props).not.toHaveProperty("cidr");
    expect(cidr).toHaveValue("");
    expect(cidr).toHaveAttribute("placeholder", "10.0.0.0/16");
  });

  it("renames the component", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["web"] } });
    const name = screen.getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "storefront{Enter}");
    expect(node("web").label).toBe("storefront");
    expect(screen.getByRole("heading", { name: "storefront" })).toBeInTheDocument();
  });

  it("checks a number as it is typed, and does not write one that is not a number", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["nat-a"] } });
    const hours = screen.getByRole("textbox", { name: "Hours running per month (hours)" });
    expect(hours).toHaveAttribute("placeholder", "730");

    await user.type(hours, "lots");
    await user.tab();
    expect(hours).toHaveAccessibleDescription(/Hours running per month must be a number\./);
    expect(hours).toHaveAttribute("aria-invalid", "true");
    expect(hours).toHaveValue("lots");
    expect(node("nat-a").usage).toEqual({});

    await user.clear(hours);
    await user.type(hours, "800");
    await user.tab();
    expect(hours).toHaveAccessibleDescription(/must be at most 744 hours\./);
    expect(node("nat-a").usage).toEqual({ monthly_hours: 800 });

    await user.clear(hours);
    await user.type(hours, "365.5");
    await user.tab();
    expect(hours).not.toHaveAttribute("aria-invalid");
    expect(node("nat-a").usage).toEqual({ monthly_hours: 365.5 });
  });

  it("picks a choice from the keyboard: arrows, Enter, and Escape to leave it as it was", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["public-a"] } });
    const tier = screen.getByRole("combobox", { name: "Tier" });
    expect(tier).toHaveValue("public");
    expect(tier).toHaveAttribute("aria-expanded", "false");

    act(() => tier.focus());
    await user.keyboard("{ArrowDown}");
    expect(tier).toHaveAttribute("aria-expanded", "true");
    const list = screen.getByRole("listbox", { name: "Tier" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["Default (private)", "public", "private", "isolated"]);
    expect(tier).toHaveAttribute("aria-activedescendant", within(list).getByRole("option", { name: "public" }).id);

    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(node("public-a").props?.tier).toBe("isolated");
    expect(tier).toHaveAttribute("aria-expanded", "false");
    expect(tier).toHaveValue("isolated");

    await user.keyboard("pub");
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["public"]);
    await user.keyboard("{Escape}");
    expect(tier).toHaveValue("isolated");
    expect(tier).toHaveAttribute("aria-expanded", "false");

    await user.keyboard("{ArrowDown}{ArrowUp}{ArrowUp}{ArrowUp}{Enter}");
    expect(node("public-a").props).not.toHaveProperty("tier");
    expect(tier).toHaveAttribute("placeholder", "private (default)");
  });

  it("shows each instance type with its vCPU, memory and hourly price where the price data has them", async () => {
    const user = userEvent.setup();
    const { node, requests } = renderEditorPanel(<Inspector />, withInstance(), { select: { nodes: ["bastion"] } });
    const type = screen.getByRole("combobox", { name: "Instance type" });
    expect(type).toHaveValue("");
    expect(type).toHaveAttribute("placeholder", "t3.medium (default)");
    expect(await screen.findByText("t3.medium: 2 vCPU · 4 GiB · $0.0416 an hour (on-demand Linux in us-east-1)")).toBeInTheDocument();
    expect(type).toHaveAccessibleDescription(/t3\.medium: 2 vCPU · 4 GiB · \$0\.0416 an hour/);

    await user.click(type);
    await user.keyboard("m6i.large");
    expect(screen.getByRole("option", { name: /^m6i\.large/ })).toHaveTextContent(/^m6i\.large2 vCPU · 8 GiB$/);
    await user.clear(type);
    await user.keyboard("t3.mi");
    expect(screen.getAllByRole("option")[0]).toHaveTextContent(/^t3\.micro2 vCPU · 1 GiB · \$0\.0104 an hour$/);
    await user.keyboard("{Enter}");
    expect(node("bastion").props?.instance_type).toBe("t3.micro");
    expect(screen.getByText("t3.micro: 2 vCPU · 1 GiB · $0.0104 an hour (on-demand Linux in us-east-1)")).toBeInTheDocument();

    const asked = requests.filter((r) => r.url.startsWith("/api/prices/"));
    expect(asked.map((r) => r.url)).toEqual(["/api/prices/instance-types/?region=us-east-1"]);
  });

  it("lists an Auto Scaling group's instance types with their size, adds one and removes one", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, HYBRID, { select: { nodes: ["asg"] } });
    const group = screen.getByRole("group", { name: "Instance types" });
    expect(await within(group).findByText("2 vCPU · 8 GiB")).toBeInTheDocument();

    await user.click(within(group).getByRole("combobox", { name: "Add to instance types" }));
    await user.keyboard("t3.micro{Enter}");
    expect(node("asg").props?.instance_types).toEqual(["m6i.large", "t3.micro"]);

    await user.click(within(group).getByRole("button", { name: "Remove m6i.large" }));
    expect(node("asg").props?.instance_types).toEqual(["t3.micro"]);
  });

  it("chooses the subnets a component spans among the design's subnets", async () => {
    const user = userEvent.setup();
    const { node } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["alb"] } });
    const group = screen.getByRole("group", { name: "Subnets" });
    expect(within(group).getAllByRole("checkbox")).toHaveLength(6);
    expect(within(group).getByRole("checkbox", { name: "public-b" })).toBeChecked();
    expect(within(group).getByRole("checkbox", { name: "app-a" })).not.toBeChecked();

    await user.click(within(group).getByRole("checkbox", { name: "public-b" }));
    expect(node("alb").props?.subnets).toEqual(["public-a"]);
  });

  it("says how many are selected when there are several, and offers nothing to change", () => {
    renderEditorPanel(<Inspector />, THREE_TIER, { select: { nodes: ["vpc", "igw"], edges: ["e1"] } });
    expect(screen.getByRole("status")).toHaveTextContent("2 components and 1 connection selected.");
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
  });
});

describe("the inspector, for a connection", () => {
  it("edits the connection's label, properties and usage", async () => {
    const user = userEvent.setup();
    const { edge } = renderEditorPanel(<Inspector />, THREE_TIER, { select: { edges: ["e7"] } });
    expect(screen.getByText("web connects to orders-db")).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Port" }), "5432");
    await user.tab();
    expect(edge("e7").props).toEqual({ port: 5432 });

    const data = await screen.findByRole("textbox", { name: "Data carried (GB/month)" });
    expect(data).toHaveValue("50");
    await user.clear(data);
    await user.type(data, "120");
    await user.tab();
    expect(edge("e7").usage).toEqual({ data_gb_month: 120 });

    const protocol = screen.getByRole("combobox", { name: "Protocol" });
    await user.click(protocol);
    await user.keyboard("udp{Enter}");
    expect(edge("e7").props).toEqual({ port: 5432, protocol: "udp" });

    const label = screen.getByRole("textbox", { name: "Label" });
    expect(label).toHaveAttribute("placeholder", "UDP 5432");
    await user.type(label, "orders SQL");
    await user.tab();
    expect(edge("e7").label).toBe("orders SQL");
  });
});

describe("the inspector, with nothing selected", () => {
  it("edits the design's name and its settings from the document schema", async () => {
    const user = userEvent.setup();
    const { doc } = renderEditorPanel(<Inspector />, THREE_TIER);
    expect(screen.getByRole("textbox", { name: "Region" })).toHaveAttribute("readonly");

    const hours = await screen.findByRole("textbox", { name: "Hours in a month" });
    expect(hours).toHaveValue("730");
    await user.clear(hours);
    await user.type(hours, "720");
    await user.tab();
    expect(doc().settings).toEqual({ hours_per_month: 720, pricing_model: "on_demand" });

    await user.click(screen.getByRole("combobox", { name: "Pricing model" }));
    await user.keyboard("savings_plan_1{Enter}");
    expect(doc().settings?.pricing_model).toBe("savings_plan_1y");

    const name = screen.getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.tab();
    expect(name).toHaveAccessibleDescription("A design needs a name.");
    expect(doc().name).toBe("Three-tier web app");
    await user.type(name, "Shop");
    await user.tab();
    expect(doc().name).toBe("Shop");
  });
});
