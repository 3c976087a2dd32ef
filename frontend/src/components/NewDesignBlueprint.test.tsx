import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { blueprintsFrom } from "../api";
import { blueprintApi, type BlueprintApi, type BlueprintApiOptions, BLUEPRINTS, SERVERLESS, VPC_PLAN } from "../test/blueprints";
import { makeTeam } from "../test/fakeApi";
import { boundsHint, initialValues, paramsFrom } from "./BlueprintFields";
import { DesignsPage } from "./DesignsPage";

let server: BlueprintApi;

function useServer(options: BlueprintApiOptions = { blueprints: BLUEPRINTS }): BlueprintApi {
  server = blueprintApi(options);
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

beforeEach(() => {
  document.cookie = "csrftoken=cookie-token";
});

async function chooseBlueprint(title: string) {
  const user = userEvent.setup();
  const source = screen.getByRole("combobox", { name: "Start from" });
  // Examples may have the same names: a blueprint's option says it is one.
  await within(source).findByRole("option", { name: `${title} (blueprint)` });
  await user.selectOptions(source, `${title} (blueprint)`);
  return { user, source, params: screen.getByRole("group", { name: title }) };
}

describe("a new design from a blueprint", () => {
  it("offers the server's blueprints next to blank and the examples", async () => {
    useServer();
    render(<DesignsPage openDesign={vi.fn()} />);
    const source = screen.getByRole("combobox", { name: "Start from" });
    const group = await within(source).findByRole("group", { name: "Blueprints" });
    expect(within(group).getAllByRole("option").map((o) => o.textContent)).toEqual(["VPC plan (blueprint)", "Serverless API (blueprint)"]);
    expect(within(source).getByRole("group", { name: "Examples" })).toBeInTheDocument();
    expect(within(source).getAllByRole("option")[0]).toHaveTextContent("Blank design");
    expect(screen.queryByText(/Blueprints are unavailable/)).toBeNull();
  });

  it("shows the blueprint's description and a field for each parameter, filled in with its default", async () => {
    useServer();
    render(<DesignsPage openDesign={vi.fn()} />);
    const { source, params } = await chooseBlueprint("VPC plan");

    expect(source).toHaveAccessibleDescription(expect.stringContaining(VPC_PLAN.description));
    expect(params).toHaveTextContent(VPC_PLAN.description);
    // The blueprint asks for its own region: the form's is not shown.
    expect(screen.getAllByRole("combobox", { name: "Region" })).toHaveLength(1);
    const region = within(params).getByRole("combobox", { name: "Region" });
    expect(region).toHaveValue("us-east-1");
    expect(within(region).getAllByRole("option").map((o) => o.textContent)).toEqual(["us-east-1", "eu-west-1", "ap-south-1"]);

    const cidr = within(params).getByRole("textbox", { name: "VPC CIDR" });
    expect(cidr).toHaveValue("10.0.0.0/16");
    expect(cidr).toHaveAccessibleDescription("The VPC's IPv4 range. Keep it clear of your other networks. A block from /16 to /28.");
    const zones = within(params).getByRole("spinbutton", { name: "Availability Zones" });
    expect(zones).toHaveValue(3);
    expect(zones).toHaveAttribute("min", "2");
    expect(zones).toHaveAttribute("max", "6");
    expect(zones).toHaveAccessibleDescription("How many zones to spread over. From 2 to 6.");
    const nat = within(params).getByRole("combobox", { name: "NAT gateways" });
    expect(nat).toHaveValue("one-per-az");
    expect(within(nat).getAllByRole("option").map((o) => o.textContent)).toEqual(["one-per-az", "single", "none"]);
    expect(within(params).getByRole("checkbox", { name: "Database subnets" })).toBeChecked();
    expect(within(params).getByRole("checkbox", { name: "Flow logs" })).not.toBeChecked();

    const name = screen.getByRole("textbox", { name: "Design name" });
    expect(name).not.toBeRequired();
    expect(name).toHaveAttribute("placeholder", "VPC plan");
  });

  it("sends the blueprint, its parameters and the name, and opens the new design", async () => {
    useServer();
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const { user, params } = await chooseBlueprint("VPC plan");

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Network");
    const cidr = within(params).getByRole("textbox", { name: "VPC CIDR" });
    await user.clear(cidr);
    await user.type(cidr, "10.20.0.0/20");
    const zones = within(params).getByRole("spinbutton", { name: "Availability Zones" });
    await user.clear(zones);
    await user.type(zones, "2");
    await user.selectOptions(within(params).getByRole("combobox", { name: "NAT gateways" }), "single");
    await user.selectOptions(within(params).getByRole("combobox", { name: "Region" }), "eu-west-1");
    await user.click(within(params).getByRole("checkbox", { name: "Flow logs" }));
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    const posts = server.requestsTo("POST", "/api/designs/");
    expect(posts.map((r) => r.body)).toEqual([
      {
        blueprint: "vpc-plan",
        params: { region: "eu-west-1", vpc_cidr: "10.20.0.0/20", azs: 2, nat_gateways: "single", database_subnets: true, flow_logs: true },
        name: "Network",
      },
    ]);
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(openDesign).toHaveBeenCalledWith(server.designs[0]!.id);
    expect(server.designs[0]).toMatchObject({ name: "Network", region: "eu-west-1" });
  });

  it("leaves the name to the blueprint when none is given, and sends the team chosen", async () => {
    const platform = makeTeam({ name: "Platform" });
    useServer({ blueprints: BLUEPRINTS, teams: [platform] });
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const { user } = await chooseBlueprint("Serverless API");
    const owner = screen.getByRole("combobox", { name: "Owner" });
    await within(owner).findByRole("option", { name: "Platform" });
    await user.selectOptions(owner, "Platform");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    expect(server.requestsTo("POST", "/api/designs/")[0]!.body).toEqual({
      blueprint: "serverless",
      params: { region: "us-east-1", monthly_requests: 1_000_000, owner_tag: "" },
      team: platform.id,
    });
    expect(server.designs[0]).toMatchObject({ name: SERVERLESS.title, team: { id: platform.id, name: "Platform" } });
  });

  it("shows the server's refusal of a parameter next to its field, and creates the design once it is put right", async () => {
    useServer();
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const { user, params } = await chooseBlueprint("VPC plan");
    const cidr = within(params).getByRole("textbox", { name: "VPC CIDR" });
    await user.clear(cidr);
    await user.type(cidr, "10.0.0.0/8");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    const message = "VPC CIDR must be from 16 to 28; /8 is not.";
    await waitFor(() => expect(cidr).toHaveAttribute("aria-invalid", "true"));
    expect(cidr).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(cidr.closest(".field")).toHaveTextContent(message);
    // The alert points to the field rather than saying it again.
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Check the marked parameter: the blueprint could not use it.");
    expect(alert).not.toHaveTextContent(message);
    expect(within(params).getByRole("spinbutton", { name: "Availability Zones" })).not.toHaveAttribute("aria-invalid");
    expect(openDesign).not.toHaveBeenCalled();

    await user.clear(cidr);
    await user.type(cidr, "10.0.0.0/16");
    await user.click(screen.getByRole("button", { name: "Create design" }));
    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("marks the choice when the server has no such blueprint", async () => {
    useServer();
    render(<DesignsPage openDesign={vi.fn()} />);
    const { user, source } = await chooseBlueprint("VPC plan");
    // The server no longer has it (the page still lists it).
    vi.stubGlobal("fetch", blueprintApi({ blueprints: [SERVERLESS] }).fetch);
    await user.click(screen.getByRole("button", { name: "Create design" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is no blueprint “vpc-plan”.");
    expect(source).toHaveAttribute("aria-invalid", "true");
  });
});

describe("blueprints that cannot be loaded", () => {
  it("say so in the form, which still creates blank designs and examples", async () => {
    const user = userEvent.setup();
    useServer({}); // GET /api/blueprints/ answers 404
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);

    const note = await screen.findByText(/Blueprints are unavailable/);
    expect(note).toHaveTextContent("Blueprints are unavailable: Not found. Start from a blank design or an example.");
    const source = screen.getByRole("combobox", { name: "Start from" });
    expect(source).toHaveAccessibleDescription(expect.stringContaining("Blueprints are unavailable"));
    await within(source).findByRole("option", { name: "Hybrid connectivity" });
    expect(within(source).queryByRole("group", { name: "Blueprints" })).toBeNull();

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Plain");
    await user.click(screen.getByRole("button", { name: "Create design" }));
    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    expect(server.requestsTo("POST")[0]!.body).toEqual({ name: "Plain", region: "us-east-1" });
  });
});

describe("reading blueprints and their parameters", () => {
  it("reads the parameters as `parameters` or `params`, leaving out what cannot be read", () => {
    const read = blueprintsFrom([
      { name: "vpc-plan", title: "VPC plan", description: "d", params: [{ name: "azs", label: "Zones", type: "integer", default: 3, help: "", minimum: 2 }] },
      { name: "odd", parameters: [{ name: "x", type: "choice", default: "a" }, { label: "no name" }] },
      { title: "no name" },
    ]);
    expect(read).toEqual([
      { name: "vpc-plan", title: "VPC plan", description: "d", parameters: [{ name: "azs", label: "Zones", type: "integer", default: 3, help: "", minimum: 2 }] },
      // A choice without options can only be typed.
      { name: "odd", title: "odd", description: "", parameters: [{ name: "x", label: "x", type: "string", default: "a", help: "" }] },
    ]);
    expect(blueprintsFrom({ not: "a list" })).toEqual([]);
  });

  it("sends whole numbers as numbers and anything else as typed, for the server to refuse", () => {
    const values = { ...initialValues(VPC_PLAN), azs: " 4 ", vpc_cidr: " 10.1.0.0/16 " };
    expect(paramsFrom(VPC_PLAN, values)).toEqual({
      region: "us-east-1",
      vpc_cidr: "10.1.0.0/16",
      azs: 4,
      nat_gateways: "one-per-az",
      database_subnets: true,
      flow_logs: false,
    });
    expect(paramsFrom(VPC_PLAN, { ...values, azs: "3.5" }).azs).toBe("3.5");
    expect(paramsFrom(VPC_PLAN, { ...values, azs: "" }).azs).toBe("");
  });

  it("says what the bounds allow", () => {
    expect(boundsHint(VPC_PLAN.parameters[1]!)).toBe("A block from /16 to /28.");
    expect(boundsHint(SERVERLESS.parameters[1]!)).toBe("From 1,000 to 10,000,000,000.");
    expect(boundsHint({ ...SERVERLESS.parameters[1]!, maximum: undefined })).toBe("At least 1,000.");
    expect(boundsHint(VPC_PLAN.parameters[3]!)).toBe("");
  });
});
