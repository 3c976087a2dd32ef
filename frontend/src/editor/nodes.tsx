/**
 * How the canvas draws the document: a component as its AWS icon with its name (and its monthly cost once
 * estimated, its comment count, and a marker when the architect's review has findings on it), a container as a box
 * with its title that can be resized, a connection with what it carries. Declared at module scope, as React Flow
 * asks, so they are not re-created on every render.
 */

import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  Handle,
  NodeResizer,
  type NodeProps,
  Position,
  useConnection,
} from "@xyflow/react";
import { memo } from "react";

import { useEditor } from "./context";
import type { ContainerFlowNode, FindingMarker, FlowEdge, LeafFlowNode } from "./translate";

/** The box colours of the diagrams (designer/diagram/style.py), so the canvas and the PNG agree. */
export function boxStyle(kind: string, tier: unknown): { pen: string; fill: string; dashed: boolean } {
  switch (kind) {
    case "aws.region":
      return { pen: "#00A4A6", fill: "#FFFFFF", dashed: true };
    case "aws.vpc.vpc":
      return { pen: "#8C4FFF", fill: "#FFFFFF", dashed: false };
    case "aws.vpc.availability_zone":
      return { pen: "#147EBA", fill: "#FFFFFF", dashed: true };
    case "aws.vpc.subnet":
      if (tier === "public") return { pen: "#7AA116", fill: "#F2F8EC", dashed: false };
      if (tier === "isolated") return { pen: "#7D8998", fill: "#F4F5F6", dashed: false };
      return { pen: "#00A4A6", fill: "#EAF6F7", dashed: false };
    case "aws.ecs.cluster":
      return { pen: "#ED7100", fill: "#FDF6EF", dashed: false };
    case "aws.autoscaling.group":
      return { pen: "#ED7100", fill: "#FFFFFF", dashed: true };
    default:
      return { pen: "#AEB6BE", fill: "#FFFFFF", dashed: false };
  }
}

/** While a connection is being drawn from another node, this node's target handle covers all of it: the line
 * can be dropped anywhere on the node, not only on the small dot at its left. */
function useDropTarget(id: string): string | undefined {
  const covering = useConnection((c) => c.inProgress && c.fromNode.id !== id);
  return covering ? "handle-cover" : undefined;
}

function useKindIcon(kind: string): { url: string; label: string } {
  return useEditor((s) => {
    const spec = s.catalog.kinds.get(kind);
    return { url: spec?.icon_url ?? "", label: spec?.label ?? kind };
  });
}

function detail(props: Record<string, unknown> | undefined, kind: string): string {
  if (!props) return "";
  if (kind === "aws.vpc.subnet") return [props.tier ?? "private", props.cidr].filter(Boolean).join(" · ");
  if (kind === "aws.vpc.vpc") return String(props.cidr ?? "");
  for (const key of ["instance_type", "instance_class", "node_type", "runtime", "engine"]) {
    if (typeof props[key] === "string") return props[key] as string;
  }
  return "";
}

function CommentPin({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <span className="comment-pin" aria-label={`${count} comment${count === 1 ? "" : "s"}`} title="Comments: see the Comments panel">
      {count}
    </span>
  );
}

const MARKER_SIGN: Record<FindingMarker["severity"], string> = { error: "!", warning: "!", info: "i" };

/** The architect's review on a node: a dot coloured by its findings' worst severity, named by their titles. */
function ReviewMarker({ marker }: { marker: FindingMarker | null | undefined }) {
  if (!marker || marker.titles.length === 0) return null;
  return (
    <span
      className={`review-marker review-marker-${marker.severity}`}
      role="img"
      aria-label={`Review: ${marker.titles.join("; ")}`}
      title={`${marker.titles.join("\n")}\n(see the Review panel)`}
    >
      {MARKER_SIGN[marker.severity]}
    </span>
  );
}

export const AwsNode = memo(function AwsNode({ id, data, selected }: NodeProps<LeafFlowNode>) {
  const { doc, cost, problem, comments, review } = data;
  const cover = useDropTarget(id);
  const icon = useKindIcon(doc.kind);
  const info = detail(doc.props, doc.kind);
  return (
    <div
      className={`aws-node${selected ? " is-selected" : ""}${problem ? " has-problem" : ""}`}
      title={problem ?? `${icon.label}: ${doc.label}`}
      data-testid={`node-${doc.id}`}
    >
      <Handle type="target" position={Position.Left} className={cover} />
      <img className="aws-node-icon" src={icon.url} alt={icon.label} width={48} height={48} draggable={false} />
      <div className="aws-node-label">{doc.label}</div>
      {info && <div className="aws-node-detail">{info}</div>}
      {cost && <div className="cost-badge" aria-label={`${doc.label} costs ${cost} a month`}>{cost}/mo</div>}
      <CommentPin count={comments} />
      <ReviewMarker marker={review} />
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const ContainerNode = memo(function ContainerNode({ id, data, selected }: NodeProps<ContainerFlowNode>) {
  const { doc, cost, problem, comments, review } = data;
  const cover = useDropTarget(id);
  const icon = useKindIcon(doc.kind);
  const style = boxStyle(doc.kind, doc.props?.tier);
  const info = detail(doc.props, doc.kind);
  const readOnly = useEditor((s) => s.readOnly);
  return (
    <div
      className={`container-node${selected ? " is-selected" : ""}${problem ? " has-problem" : ""}`}
      style={{ borderColor: style.pen, background: style.fill, borderStyle: style.dashed ? "dashed" : "solid" }}
      title={problem ?? undefined}
      data-testid={`node-${doc.id}`}
    >
      <NodeResizer isVisible={selected && !readOnly} minWidth={160} minHeight={100} color={style.pen} />
      <Handle type="target" position={Position.Left} className={cover} />
      <div className="container-title">
        <span className="container-kind">{icon.label}</span> <strong>{doc.label}</strong>
        {info && <span className="container-detail"> · {info}</span>}
        {cost && <span className="cost-badge">{cost}/mo</span>}
        <CommentPin count={comments} />
        <ReviewMarker marker={review} />
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const MeaningEdge = memo(function MeaningEdge(props: EdgeProps<FlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const caption = props.data?.caption ?? "";
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={props.selected ? "is-selected" : ""} />
      {caption && (
        <EdgeLabelRenderer>
          <div
            className={`edge-caption${props.selected ? " is-selected" : ""}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {caption}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const NODE_TYPES = { aws: AwsNode, container: ContainerNode };
export const EDGE_TYPES = { meaning: MeaningEdge };
