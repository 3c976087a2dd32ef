import { blank, CATALOG, EXAMPLES } from "../test/editor";
import { absolute, createEditorStore } from "./store";

function emptyStore() {
  return createEditorStore(CATALOG, blank());
}

/** A VPC with an AZ holding a subnet, as a user builds it by dropping each into the one before. */
function network() {
  const store = emptyStore();
  const s = () => store.getState();
  const vpc = s().addNode("aws.vpc.vpc", { x: 200, y: 150 })!;
  const vpcAt = absolute(s().nodes, vpc);
  const az = s().addNode("aws.vpc.availability_zone", { x: vpcAt.x + 170, y: vpcAt.y + 80 })!;
  const azAt = absolute(s().nodes, az);
  const subnet = s().addNode("aws.vpc.subnet", { x: azAt.x + 170, y: azAt.y + 80 })!;
  return { store, s, vpc, az, subnet };
}

describe("the editor store", () => {
  it("nests a component dropped inside a container that takes it", () => {
    const { s, vpc, az, subnet } = network();
    const doc = s().document();
    expect(doc.nodes.find((n) => n.id === az)!.parent).toBe(vpc);
    expect(doc.nodes.find((n) => n.id === subnet)!.parent).toBe(az);
    const at = absolute(s().nodes, subnet);
    const server = s().addNode("aws.ec2.instance", { x: at.x + 100, y: at.y + 100 })!;
    expect(s().document().nodes.find((n) => n.id === server)!.parent).toBe(subnet);
  });

  it("refuses a component where its kind may not sit, and says why", () => {
    const store = emptyStore();
    expect(store.getState().addNode("aws.ec2.instance", { x: 10, y: 10 })).toBeNull();
    expect(store.getState().notice?.message).toBe("An EC2 instance must be placed inside a subnet or an Auto Scaling group.");
    const { s, vpc } = network();
    const at = absolute(s().nodes, vpc);
    expect(s().addNode("aws.ec2.instance", { x: at.x + 5, y: at.y + 300 })).toBeNull();
    expect(s().notice?.message).toMatch(/^An EC2 instance cannot go in a VPC: it belongs inside a subnet/);
    expect(s().document().nodes).toHaveLength(3);
  });

  it("gives each new subnet of a VPC its own address range", () => {
    const { s, az, subnet } = network();
    const at = absolute(s().nodes, az);
    const second = s().addNode("aws.vpc.subnet", { x: at.x + 500, y: at.y + 100 })!;
    const cidrs = s()
      .document()
      .nodes.filter((n) => [subnet, second].includes(n.id))
      .map((n) => n.props!.cidr);
    expect(new Set(cidrs).size).toBe(2);
  });

  it("grows containers to fit what is put in them", () => {
    const { s, vpc, az } = network();
    const before = s().nodes.find((n) => n.id === vpc)!.width!;
    const azNode = s().nodes.find((n) => n.id === az)!;
    expect(azNode.position.x + azNode.width!).toBeLessThanOrEqual(s().nodes.find((n) => n.id === vpc)!.width!);
    expect(s().nodes.find((n) => n.id === vpc)!.width!).toBeGreaterThanOrEqual(before);
  });

  it("connects only what the catalog allows, with a message otherwise", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["serverless-event-driven"]!);
    const s = () => store.getState();
    const edges = s().edges.length;
    expect(s().connect({ source: "logs", target: "users", sourceHandle: null, targetHandle: null })).toBeNull();
    expect(s().notice?.message).toMatch(/cannot connect to/);
    const id = s().connect({ source: "charge-fn", target: "orders", sourceHandle: null, targetHandle: null });
    expect(id).not.toBeNull();
    expect(s().edges).toHaveLength(edges + 1);
    expect(s().document().edges.at(-1)).toMatchObject({ source: "charge-fn", target: "orders" });
  });

  it("undoes and redoes each change", () => {
    const store = emptyStore();
    const s = () => store.getState();
    s().addNode("aws.s3.bucket", { x: 0, y: 0 });
    s().addNode("aws.sqs.queue", { x: 300, y: 0 });
    expect(s().nodes).toHaveLength(2);
    s().undo();
    expect(s().nodes.map((n) => n.data.doc.kind)).toEqual(["aws.s3.bucket"]);
    s().undo();
    expect(s().nodes).toHaveLength(0);
    s().redo();
    s().redo();
    expect(s().nodes).toHaveLength(2);
    s().undo();
    s().addNode("aws.sns.topic", { x: 0, y: 300 });
    s().redo(); // a new change clears what could be redone
    expect(s().nodes.map((n) => n.data.doc.kind)).toEqual(["aws.s3.bucket", "aws.sns.topic"]);
  });

  it("deletes a container with everything in it and the connections of what it held", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
    const s = () => store.getState();
    s().select({ nodes: ["ecs"] });
    s().deleteSelection();
    const doc = s().document();
    expect(doc.nodes.map((n) => n.id)).not.toContain("web");
    expect(doc.edges.some((e) => e.source === "web" || e.target === "web")).toBe(false);
    s().undo();
    expect(s().document().nodes.map((n) => n.id)).toContain("web");
  });

  it("pastes a copy with new ids, its inside and its own connections, beside the original", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
    const s = () => store.getState();
    s().select({ nodes: ["az-a"] });
    s().copySelection();
    s().paste();
    const doc = s().document();
    const copies = doc.nodes.filter((n) => !EXAMPLES["three-tier-web-app"]!.nodes.some((o) => o.id === n.id));
    expect(copies.map((n) => n.kind).sort()).toEqual(
      ["aws.vpc.availability_zone", "aws.vpc.nat_gateway", "aws.vpc.subnet", "aws.vpc.subnet", "aws.vpc.subnet"].sort(),
    );
    const zone = copies.find((n) => n.kind === "aws.vpc.availability_zone")!;
    expect(zone.parent).toBe("vpc");
    const cidrs = doc.nodes.filter((n) => n.kind === "aws.vpc.subnet").map((n) => n.props!.cidr);
    expect(new Set(cidrs).size).toBe(cidrs.length);
  });

  it("moves a node into the container it is dropped on, or back when that container refuses it", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
    const s = () => store.getState();
    const target = absolute(s().nodes, "app-a");
    const start = absolute(s().nodes, "igw");
    const vpc = absolute(s().nodes, "vpc");
    s().checkpoint();
    s().onNodesChange([
      { type: "position", id: "igw", position: { x: target.x - vpc.x + 40, y: target.y - vpc.y + 60 }, dragging: false },
    ]);
    s().dropped("igw");
    // An internet gateway belongs to its VPC, not to a subnet: refused, and back where it was.
    expect(s().notice?.message).toBe("An internet gateway cannot go in a subnet: it belongs inside a VPC.");
    expect(absolute(s().nodes, "igw")).toEqual(start);

    const publicA = absolute(s().nodes, "public-a");
    const publicB = absolute(s().nodes, "public-b");
    s().checkpoint();
    const into = { x: publicB.x + 60 - publicA.x, y: publicB.y + 80 - publicA.y };
    s().onNodesChange([{ type: "position", id: "nat-a", position: into, dragging: false }]);
    s().dropped("nat-a");
    expect(s().document().nodes.find((n) => n.id === "nat-a")!.parent).toBe("public-b");
    s().undo();
    expect(s().document().nodes.find((n) => n.id === "nat-a")!.parent).toBe("public-a");
  });

  it("counts document changes, not selection, for saving", () => {
    const store = emptyStore();
    const s = () => store.getState();
    const id = s().addNode("aws.s3.bucket", { x: 0, y: 0 })!;
    const version = s().version;
    s().select({ nodes: [id] });
    expect(s().version).toBe(version);
    s().updateNode(id, { label: "assets" });
    expect(s().version).toBe(version + 1);
    s().markSaved(s().version);
    expect(s().savedVersion).toBe(s().version);
  });
});

describe("loading a saved revision and annotating", () => {
  it("puts the revision on the canvas as saved, keeping the cost badges and comment pins of the nodes kept", () => {
    const three = EXAMPLES["three-tier-web-app"]!;
    const store = createEditorStore(CATALOG, three);
    const s = () => store.getState();
    s().annotate({ costs: { db: "$1,000.00" }, comments: { db: 2 }, problems: { db: "Bad" }, findings: { db: { severity: "error", titles: ["T"] } } });
    s().updateBase({ name: "Unsaved" });
    const before = s().version;
    s().load({ ...three, name: "Saved", nodes: three.nodes.map((n) => (n.id === "db" ? { ...n, label: "renamed-db" } : n)) });
    expect(s().document().name).toBe("Saved");
    expect(s().version).toBeGreaterThan(before);
    expect(s().savedVersion).toBe(s().version);
    expect(s().past).toEqual([]);
    const db = s().nodes.find((n) => n.id === "db")!;
    expect(db.data.doc.label).toBe("renamed-db");
    expect([db.data.cost, db.data.comments, db.data.problem ?? null, db.data.review ?? null]).toEqual(["$1,000.00", 2, null, null]);
  });

  it("marks nodes with the review's findings, and leaves a node unchanged when its marker is the same", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
    const s = () => store.getState();
    s().annotate({ findings: { db: { severity: "warning", titles: ["A", "B"] } } });
    const db = s().nodes.find((n) => n.id === "db")!;
    expect(db.data.review).toEqual({ severity: "warning", titles: ["A", "B"] });
    s().annotate({ findings: { db: { severity: "warning", titles: ["A", "B"] } } });
    expect(s().nodes.find((n) => n.id === "db")).toBe(db);
    s().annotate({ costs: {} });
    expect(s().nodes.find((n) => n.id === "db")!.data.review).toEqual({ severity: "warning", titles: ["A", "B"] });
    s().annotate({ findings: {} });
    expect(s().nodes.find((n) => n.id === "db")!.data.review).toBeNull();
  });
});

describe("arranging", () => {
  it("moves every node to the laid-out place in one undoable change, keeping everything else", () => {
    const doc = EXAMPLES["serverless-event-driven"]!;
    const store = createEditorStore(CATALOG, doc);
    const s = () => store.getState();
    const laid = { ...doc, nodes: doc.nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 7 } })) };
    s().arrange(laid);
    expect(s().document().nodes.map((n) => n.position)).toEqual(laid.nodes.map((n) => n.position));
    expect(s().document().edges).toEqual(doc.edges);
    s().undo();
    expect(s().document().nodes.map((n) => n.position)).toEqual(doc.nodes.map((n) => n.position));
  });
});

describe("starting properties", () => {
  it("lists the VPC's subnets, one per zone, for a service dropped in a cluster in the VPC", () => {
    const { s, vpc, az, subnet } = network();
    const azAt = absolute(s().nodes, az);
    s().addNode("aws.vpc.subnet", { x: azAt.x + 500, y: azAt.y + 100 });
    const vpcAt = absolute(s().nodes, vpc);
    const cluster = s().addNode("aws.ecs.cluster", { x: vpcAt.x + 300, y: vpcAt.y + 450 })!;
    const clusterAt = absolute(s().nodes, cluster);
    const service = s().addNode("aws.ecs.service", { x: clusterAt.x + 100, y: clusterAt.y + 80 })!;
    const props = s().document().nodes.find((n) => n.id === service)!.props!;
    expect(props.subnets).toEqual([subnet]);
  });
});

describe("a read-only store (a viewer's)", () => {
  it("changes nothing in the document, whatever is asked of it, and keeps no history", () => {
    const doc = EXAMPLES["three-tier-web-app"]!;
    const store = createEditorStore(CATALOG, doc, { readOnly: true });
    const s = () => store.getState();
    const before = s().document();
    expect(s().readOnly).toBe(true);

    expect(s().addNode("aws.vpc.vpc", { x: 2000, y: 2000 })).toBeNull();
    expect(s().connect({ source: "web", target: "db", sourceHandle: null, targetHandle: null })).toBeNull();
    s().updateNode("web", { label: "renamed" });
    s().updateEdge(doc.edges[0]!.id, { label: "renamed" });
    s().updateBase({ name: "Renamed" });
    s().select({ nodes: ["web"] });
    s().deleteSelection();
    s().onNodesChange([{ type: "remove", id: "db" }, { type: "position", id: "web", position: { x: 9999, y: 9999 } }]);
    s().onEdgesChange([{ type: "remove", id: doc.edges[0]!.id }]);
    s().checkpoint();
    s().dropped("web");
    s().copySelection();
    s().paste();
    s().restore(blank());
    s().arrange({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) });
    s().undo();
    s().redo();

    expect(s().document()).toEqual(before);
    expect(s().version).toBe(0);
    expect(s().past).toEqual([]);
    expect(s().clipboard).toBeNull();
  });

  it("still selects, for the inspector, and takes React Flow's measurements", () => {
    const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!, { readOnly: true });
    const s = () => store.getState();
    s().onNodesChange([{ type: "select", id: "web", selected: true }]);
    expect(s().nodes.find((n) => n.id === "web")!.selected).toBe(true);
    s().select({ nodes: ["db"] });
    expect(s().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["db"]);
    s().onNodesChange([{ type: "dimensions", id: "db", dimensions: { width: 123, height: 45 } }]);
    expect(s().nodes.find((n) => n.id === "db")!.measured).toEqual({ width: 123, height: 45 });
    expect(s().version).toBe(0);
  });
});
