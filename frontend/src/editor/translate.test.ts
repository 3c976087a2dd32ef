import { CATALOG, EXAMPLES } from "../test/editor";
import { parentsFirst, toDocument, toFlow } from "./translate";
import type { DesignDocument } from "./types";

/** A document with every optional field written the way toDocument writes it, for comparing. */
function normal(doc: DesignDocument): DesignDocument {
  return JSON.parse(JSON.stringify(doc)) as DesignDocument;
}

describe("design document -> canvas -> design document", () => {
  it.each(Object.keys(EXAMPLES))("keeps everything of %s", (name) => {
    const doc = EXAMPLES[name]!;
    const { nodes, edges } = toFlow(doc, CATALOG);
    const { nodes: _n, edges: _e, ...base } = doc;
    const back = toDocument(base, nodes, edges);
    const byId = (d: DesignDocument) => ({
      ...d,
      nodes: [...d.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    });
    expect(normal(byId(back))).toEqual(normal(byId(doc)));
  });

  it("keeps fields it does not know, on the document, its nodes and its edges", () => {
    const doc = {
      ...EXAMPLES["serverless-event-driven"]!,
      description: "kept",
      cloudformation: { parameters: ["x"] },
    } as DesignDocument;
    doc.nodes = doc.nodes.map((n, i) => (i === 0 ? { ...n, cfn: { logical_id: "Users" } } : n));
    doc.edges = doc.edges.map((e, i) => (i === 0 ? { ...e, origin: "import", usage: { data_gb_month: 5 } } : e));
    const { nodes, edges } = toFlow(doc, CATALOG);
    const { nodes: _n, edges: _e, ...base } = doc;
    const back = toDocument(base, nodes, edges);
    expect(back.cloudformation).toEqual({ parameters: ["x"] });
    expect(back.description).toBe("kept");
    expect(back.nodes.find((n) => n.id === doc.nodes[0]!.id)?.cfn).toEqual({ logical_id: "Users" });
    expect(back.edges[0]).toMatchObject({ origin: "import", usage: { data_gb_month: 5 } });
  });

  it("puts every container before what it holds, children relative to it", () => {
    const { nodes } = toFlow(EXAMPLES["three-tier-web-app"]!, CATALOG);
    const seen = new Set<string>();
    for (const node of nodes) {
      if (node.parentId) expect(seen.has(node.parentId)).toBe(true);
      seen.add(node.id);
    }
    const subnet = nodes.find((n) => n.id === "public-a")!;
    expect(subnet).toMatchObject({ type: "container", parentId: "az-a", position: { x: 20, y: 50 }, width: 300, height: 340 });
    expect(nodes.find((n) => n.id === "web")).toMatchObject({ type: "aws", parentId: "ecs" });
  });

  it("arranges a document that was never arranged, each container around its children", () => {
    const doc: DesignDocument = {
      type: "aws-architecture-design",
      version: 1,
      name: "Hand-written",
      region: "us-east-1",
      nodes: [
        { id: "vpc", kind: "aws.vpc.vpc", label: "VPC" },
        { id: "az", kind: "aws.vpc.availability_zone", label: "AZ", parent: "vpc" },
        { id: "a", kind: "aws.vpc.subnet", label: "A", parent: "az" },
        { id: "b", kind: "aws.vpc.subnet", label: "B", parent: "az" },
        { id: "bucket", kind: "aws.s3.bucket", label: "Bucket" },
      ],
      edges: [],
    };
    const { nodes } = toFlow(doc, CATALOG);
    const a = nodes.find((n) => n.id === "a")!;
    const b = nodes.find((n) => n.id === "b")!;
    const az = nodes.find((n) => n.id === "az")!;
    expect(a.position).not.toEqual(b.position);
    expect(az.width!).toBeGreaterThanOrEqual(Math.max(a.position.x + a.width!, b.position.x + b.width!));
    expect(nodes.find((n) => n.id === "vpc")!.position).not.toEqual(nodes.find((n) => n.id === "bucket")!.position);
  });

  it("orders a parent after its child in the input before the child", () => {
    const ordered = parentsFirst([
      { id: "child", parentId: "parent" },
      { id: "parent", parentId: "root" },
      { id: "root" },
    ]);
    expect(ordered.map((n) => n.id)).toEqual(["root", "parent", "child"]);
  });

  it("captions edges with their port, access or meaning", () => {
    const { edges } = toFlow(EXAMPLES["three-tier-web-app"]!, CATALOG);
    const captions = Object.fromEntries(edges.map((e) => [`${e.source}->${e.target}`, e.data!.caption]));
    expect(captions["alb->web"]).toBe("TCP 8080");
    expect(Object.values(captions)).toContain("read-write");
  });
});
