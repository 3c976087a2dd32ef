import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { TEMPLATE_MAX_BYTES, createApiClient, type ImportReport, type ImportedDesign } from "../api";
import { ApiProvider } from "../ApiContext";
import { createFakeApi, makeDesign, problem, type FakeApi } from "../test/fakeApi";
import { DesignsPage } from "./DesignsPage";
import { REPORT_LIST_OPEN_MAX, importSummary } from "./ImportReport";
import { ImportTemplateForm, fileProblem } from "./ImportTemplateForm";

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: Public and private subnets
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
`;

let server: FakeApi;

function useServer(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  server = createFakeApi(options);
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

function templateFile(text = TEMPLATE, name = "network.yaml"): File {
  return new File([text], name, { type: "application/x-yaml" });
}

function importCard(): HTMLElement {
  return screen.getByRole("region", { name: "Import a CloudFormation template" });
}

function fileInput(): HTMLInputElement {
  return within(importCard()).getByLabelText("Template file");
}

/** The rows of the designs table, without its header row. */
async function designRows(): Promise<HTMLElement[]> {
  const table = await screen.findByRole("table", { name: /your designs/i });
  return within(table).getAllByRole("row").slice(1);
}

beforeEach(() => {
  document.cookie = "csrftoken=cookie-token";
});

describe("importing a CloudFormation template", () => {
  it("sends the file's text and name, shows the report, and shows the new design at the top of the list", async () => {
    const user = userEvent.setup();
    const report: ImportReport = {
      resources: 9,
      nodes: 5,
      edges: 3,
      kept_inside_nodes: 2,
      generic_nodes: ["FlowLogRole"],
      not_understood: ["FlowLogRole: kept as a generic resource (no component for AWS::IAM::Role)"],
    };
    useServer({ designs: [makeDesign({ name: "Older design" })], importReport: report });
    render(<DesignsPage />);
    await screen.findByText("Older design");

    const card = importCard();
    const input = fileInput();
    expect(input).toHaveAttribute("type", "file");
    expect(input).toHaveAttribute("accept", ".yaml,.yml,.json,.template");
    expect(within(card).getByRole("status")).toBeEmptyDOMElement();

    await user.upload(input, templateFile());
    await user.type(within(card).getByRole("textbox", { name: "Name (optional)" }), "  Network  ");
    await user.click(within(card).getByRole("button", { name: "Import template" }));

    const status = within(card).getByRole("status");
    await waitFor(() =>
      expect(status).toHaveTextContent("Imported “Network”: 9 resources → 5 components and 3 connections."),
    );
    const posts = server.requestsTo("POST", "/api/designs/import/");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ template: TEMPLATE, name: "Network" });
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");

    expect(
      within(card).getByText("2 supporting resources were kept inside the components they belong to."),
    ).toBeInTheDocument();
    const generic = within(card).getByRole("heading", { name: "Kept as generic CloudFormation resources (1)" });
    expect(generic.nextElementSibling).toHaveTextContent("FlowLogRole");
    const notUnderstood = within(card).getByRole("heading", { name: "Not understood (1)" });
    expect(notUnderstood.nextElementSibling).toHaveTextContent("no component for AWS::IAM::Role");
    expect(within(card).queryByRole("alert")).not.toBeInTheDocument();

    // The list was loaded again: the new design is at its top.
    await waitFor(async () => {
      const [top] = await designRows();
      expect(within(top!).getByRole("rowheader")).toHaveTextContent("Network");
    });
    expect(await designRows()).toHaveLength(2);
    expect(server.requestsTo("GET", "/api/designs/").length).toBeGreaterThanOrEqual(2);

    // The form is ready for the next file.
    expect(input.files).toHaveLength(0);
    expect(input).toHaveValue("");
    expect(within(card).getByRole("textbox", { name: "Name (optional)" })).toHaveValue("");
  });

  it("leaves the name to the server when none is given, and shows no empty lists", async () => {
    const user = userEvent.setup();
    useServer();
    render(<DesignsPage />);
    await screen.findByText(/you have no designs yet/i);

    await user.upload(fileInput(), templateFile('{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}', "s3.json"));
    await user.click(screen.getByRole("button", { name: "Import template" }));

    const status = within(importCard()).getByRole("status");
    await waitFor(() => expect(status).toHaveTextContent("Imported “Imported template”"));
    expect(server.requestsTo("POST", "/api/designs/import/")[0]!.body).toEqual({
      template: '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}',
    });
    expect(within(importCard()).queryByRole("heading", { level: 3 })).not.toBeInTheDocument();
    expect(await screen.findByRole("rowheader", { name: "Imported template" })).toBeInTheDocument();
  });

  it("folds a long list of what was not understood into a closed <details>", async () => {
    const user = userEvent.setup();
    const notUnderstood = Array.from({ length: REPORT_LIST_OPEN_MAX + 3 }, (_, i) => `Thing${i}: left out`);
    useServer({
      importReport: {
        resources: 1,
        nodes: 1,
        edges: 0,
        kept_inside_nodes: 0,
        generic_nodes: [],
        not_understood: notUnderstood,
      },
    });
    render(<DesignsPage />);

    await user.upload(fileInput(), templateFile());
    await user.click(screen.getByRole("button", { name: "Import template" }));

    const card = importCard();
    await waitFor(() =>
      expect(within(card).getByRole("status")).toHaveTextContent("1 resource → 1 component and 0 connections."),
    );
    const summary = within(card).getByText(`Not understood (${notUnderstood.length})`);
    const details = summary.closest("details");
    expect(details).not.toBeNull();
    expect(details).not.toHaveAttribute("open");
    expect(within(details!).getAllByRole("listitem", { hidden: true })).toHaveLength(notUnderstood.length);
    await user.click(summary);
    expect(details).toHaveAttribute("open");
  });

  it("goes back to the first page to show a design imported while on a later page", async () => {
    const user = userEvent.setup();
    useServer({ designs: Array.from({ length: 3 }, (_, i) => makeDesign({ name: `Old ${i + 1}` })), pageSize: 2 });
    render(<DesignsPage />);
    await user.click(await screen.findByRole("button", { name: /next page/i }));
    await screen.findByText("Old 3");

    await user.upload(fileInput(), templateFile());
    await user.type(screen.getByRole("textbox", { name: "Name (optional)" }), "From a template");
    await user.click(screen.getByRole("button", { name: "Import template" }));

    expect(await screen.findByRole("rowheader", { name: "From a template" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("Page 1 of 2");
  });

  it("shows the server's message when it refuses the template, and adds nothing to the list", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Only design" })] });
    const message = "not valid YAML at line 3, column 1: could not find expected ':'";
    server.failNext("POST", "/api/designs/import/", 400, "invalid_request", message, [problem(message, "template")]);
    render(<DesignsPage />);
    await screen.findByText("Only design");

    const input = fileInput();
    await user.upload(input, templateFile("Resources:\n  Broken: [\nnope", "broken.yaml"));
    await user.click(screen.getByRole("button", { name: "Import template" }));

    const alert = await within(importCard()).findByRole("alert");
    expect(alert).toHaveTextContent(message);
    expect(within(alert).queryByRole("list")).not.toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(within(importCard()).getByRole("status")).toBeEmptyDOMElement();
    expect(screen.getByRole("button", { name: "Import template" })).toBeEnabled();
    expect(await designRows()).toHaveLength(1);
    // The file stays chosen, to try again after fixing it elsewhere.
    expect(input.files).toHaveLength(1);
  });

  it("shows the server's message for a request that is too large", async () => {
    const user = userEvent.setup();
    useServer();
    const tooLarge = "The request body is larger than 2,162,688 bytes.";
    server.failNext("POST", "/api/designs/import/", 413, "too_large", tooLarge);
    render(<DesignsPage />);

    await user.upload(fileInput(), templateFile());
    await user.click(screen.getByRole("button", { name: "Import template" }));

    expect(await within(importCard()).findByRole("alert")).toHaveTextContent(tooLarge);
  });

  it("refuses a file over 1 MiB as soon as it is chosen, and does not send it", async () => {
    const user = userEvent.setup();
    useServer();
    render(<DesignsPage />);
    await screen.findByText(/you have no designs yet/i);

    const input = fileInput();
    await user.upload(input, templateFile("x".repeat(TEMPLATE_MAX_BYTES + 512 * 1024), "huge.yaml"));

    const alert = within(importCard()).getByRole("alert");
    expect(alert).toHaveTextContent("The file “huge.yaml” is 1.5 MiB: templates of up to 1 MiB can be imported.");
    expect(input).toHaveAttribute("aria-invalid", "true");

    await user.click(screen.getByRole("button", { name: "Import template" }));
    expect(within(importCard()).getByRole("alert")).toHaveTextContent("huge.yaml");
    expect(input).toHaveFocus();
    expect(server.requestsTo("POST")).toHaveLength(0);
  });

  it("asks for a file when none is chosen, and sends nothing", async () => {
    const user = userEvent.setup();
    useServer();
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Import template" }));

    expect(within(importCard()).getByRole("alert")).toHaveTextContent(
      "Choose a template file (.yaml, .yml, .json or .template) to import.",
    );
    expect(fileInput()).toHaveFocus();
    expect(server.requestsTo("POST")).toHaveLength(0);
  });
});

describe("ImportTemplateForm", () => {
  it("disables its button while sending and hands the imported design to onImported", async () => {
    const user = userEvent.setup();
    const answer: ImportedDesign = {
      ...makeDesign({ name: "Queue", node_count: 1 }),
      document: { nodes: [], edges: [] },
      warnings: [],
      report: { resources: 1, nodes: 1, edges: 0, kept_inside_nodes: 0, generic_nodes: [], not_understood: [] },
    };
    let answerNow: (response: Response) => void = () => undefined;
    const fetch = vi.fn(
      (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Promise<Response>((resolve) => {
          answerNow = resolve;
        }),
    );
    const client = createApiClient({ fetch, cookies: () => "csrftoken=t", onNotAuthenticated: vi.fn() });
    const onImported = vi.fn();
    render(
      <ApiProvider client={client}>
        <ImportTemplateForm onImported={onImported} />
      </ApiProvider>,
    );

    await user.upload(screen.getByLabelText("Template file"), templateFile());
    const button = screen.getByRole("button", { name: "Import template" });
    await user.click(button);

    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
    expect(onImported).not.toHaveBeenCalled();

    answerNow(new Response(JSON.stringify(answer), { status: 201, headers: { "Content-Type": "application/json" } }));

    await waitFor(() => expect(onImported).toHaveBeenCalledWith(answer));
    expect(button).toBeEnabled();
    expect(button).toHaveAttribute("aria-busy", "false");
    expect(screen.getByRole("status")).toHaveTextContent(importSummary(answer));
  });
});

describe("fileProblem", () => {
  it("accepts a file of up to 1 MiB and names the problem with any other", () => {
    expect(fileProblem(templateFile())).toBeNull();
    expect(fileProblem(templateFile("x".repeat(TEMPLATE_MAX_BYTES), "limit.yaml"))).toBeNull();
    expect(fileProblem(null)).toMatch(/choose a template file/i);
    expect(fileProblem(templateFile("", "empty.yaml"))).toBe("The file “empty.yaml” is empty.");
    expect(fileProblem(templateFile("x".repeat(TEMPLATE_MAX_BYTES + 1), "over.yaml"))).toBe(
      "The file “over.yaml” is 1,048,577 bytes: templates of up to 1 MiB can be imported.",
    );
  });
});
