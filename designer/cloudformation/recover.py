"""The connections an imported template's resources imply, read back into edges (the inverse of `wiring.py`).

Security group rules between groups become traffic edges (on the rule's port, and protocol when UDP) between
the things that carry those groups; IAM policy statements naming a resource become access edges (read, write
or read-write from their actions) or invoke edges; event source mappings, target groups, S3 notifications,
SNS subscriptions, rule targets, API integrations (with the route a REST API's method or an HTTP API's route
gives), CloudFront origins, alias records (alone or in a record set group), KMS keys, log groups, attachments
and volume attachments become the edges of those meanings. Every recovered edge is marked `origin: import`:
the template's resources already do its wiring, so export does not write it twice. A relation the catalog has
no connection for is listed in the import report.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..catalog import CATALOG
from ..catalog.spec import Connection
from ..document.messages import validator
from .template import references
from .wiring import _ACTIONS

if TYPE_CHECKING:
    from .importer import Draft, Importer, Resource

Json = Any

MAX_RULE_PAIRS = 100  # a rule between groups on more nodes than this is a mesh, not a drawing
SG_TYPES = ("AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress")
_WRITE_VERBS = (
    "Put",
    "Send",
    "Publish",
    "Delete",
    "Update",
    "Write",
    "Start",
    "Create",
    "BatchWrite",
    "Abort",
    "Encrypt",
    "GenerateDataKey",
    "Restore",
    "Tag",
    "Untag",
    "Change",
)
_READ_VERBS = (
    "Get",
    "List",
    "Describe",
    "Receive",
    "Query",
    "Scan",
    "BatchGet",
    "Decrypt",
    "ConditionCheck",
    "Head",
    "Select",
)


class Edges:
    def __init__(self, im: Importer) -> None:
        self.im = im
        self.pairs: set[tuple[str, str]] = set()
        self.ids: set[str] = set()

    def node(self, logical_id: str) -> Draft | None:
        node_id = self.im.node_of.get(logical_id)
        return self.im.drafts.get(node_id) if node_id else None

    def add(
        self,
        source: Draft | None,
        target: Draft | None,
        meanings: set[str],
        props: dict[str, Json] | None = None,
        *,
        what: str = "",
        quiet: bool = False,
    ) -> bool:
        if source is None or target is None or source.id == target.id:
            return False
        connection = CATALOG.connection(source.kind, target.kind)
        if connection is None or connection.meaning not in meanings:
            generic = "aws.cloudformation.resource" in (source.kind, target.kind)
            if not quiet and what and not generic:
                self.im.report.say(
                    f"{what}: {source.id} -> {target.id} has no connection in the designer; the "
                    "template's resources keep it"
                )
            return False
        if (source.id, target.id) in self.pairs:
            return False
        self.pairs.add((source.id, target.id))
        edge_id = _edge_id(f"{source.id}-{target.id}", self.ids)
        edge: dict[str, Json] = {"id": edge_id, "source": source.id, "target": target.id}
        clean = {k: v for k, v in (props or {}).items() if v is not None and _valid(connection, k, v)}
        if clean:
            edge["props"] = clean
        edge["origin"] = "import"
        self.im.edges.append(edge)
        return True


def _edge_id(base: str, used: set[str]) -> str:
    candidate, n = base[:60], 2
    while candidate.lower() in used:
        candidate, n = f"{base[:56]}-{n}", n + 1
    used.add(candidate.lower())
    return candidate


_VALIDATORS: dict[tuple[str, str, str], Any] = {}


def _valid(connection: Connection, name: str, value: Json) -> bool:
    key = (connection.source, connection.target, name)
    if key not in _VALIDATORS:
        field = next((f for f in connection.props if f.name == name), None)
        _VALIDATORS[key] = validator(field.json_schema()) if field else None
    check = _VALIDATORS[key]
    return check is not None and bool(check.is_valid(value))


def recover(im: Importer) -> None:
    edges = Edges(im)
    for step in (
        _security_groups,
        _iam,
        _event_sources,
        _target_groups,
        _notifications,
        _subscriptions,
        _rules,
        _integrations,
        _origins,
        _aliases,
        _attachments,
        _keys_and_logs,
    ):
        step(im, edges)


def _plain(im: Importer, value: Json) -> Json:
    try:
        return im.evaluate(value)
    except ValueError:
        return None


def _int(im: Importer, value: Json) -> int | None:
    plain = _plain(im, value)
    try:
        return int(plain) if plain is not None and not isinstance(plain, bool) else None
    except (TypeError, ValueError):
        return None


# -- security groups -------------------------------------------------------------------------------------


def _users(im: Importer, edges: Edges, group: str) -> list[Draft | None]:
    """The nodes that carry a security group (the node it belongs to, or those that name it)."""
    holder = edges.node(group)
    if holder is None:
        return []
    if (
        holder.kind not in ("aws.vpc.security_group", "aws.cloudformation.resource")
        or holder.resource.logical_id != group
    ):
        return [holder]
    found: list[Draft | None] = []
    for referrer in im.referrers[group]:
        if im.resources[referrer].type in SG_TYPES:
            continue
        node = edges.node(referrer)
        if node is not None and node is not holder and node not in found:
            found.append(node)
    return found


def _security_groups(im: Importer, edges: Edges) -> None:
    rules: list[tuple[str, str, dict[str, Json], str]] = []  # (from group, to group, rule, what)
    for res in im.resources.values():
        if res.type == "AWS::EC2::SecurityGroup":
            for rule in _list(res.prop("SecurityGroupIngress")):
                for source in _refs(res, rule.get("SourceSecurityGroupId")):
                    rules.append((source, res.logical_id, rule, f"{res.logical_id} ingress"))
            for rule in _list(res.prop("SecurityGroupEgress")):
                for target in _refs(res, rule.get("DestinationSecurityGroupId")):
                    rules.append((res.logical_id, target, rule, f"{res.logical_id} egress"))
        elif res.type == "AWS::EC2::SecurityGroupIngress":
            for group in res.refs_in("GroupId"):
                for source in res.refs_in("SourceSecurityGroupId"):
                    rules.append((source, group, res.properties, res.logical_id))
        elif res.type == "AWS::EC2::SecurityGroupEgress":
            for group in res.refs_in("GroupId"):
                for other in res.refs_in("DestinationSecurityGroupId"):
                    rules.append((group, other, res.properties, res.logical_id))
    for source_group, target_group, rule, what in rules:
        props = _rule_props(im, rule)
        pairs = [
            (from_node, to_node)
            for from_node in _users(im, edges, source_group) or [edges.node(source_group)]
            for to_node in _users(im, edges, target_group) or [edges.node(target_group)]
        ]
        if len(pairs) > MAX_RULE_PAIRS:
            im.report.say(
                f"{what}: the rule joins groups carried by {len(pairs):,} pairs of nodes; those connections are "
                "left out of the design, the template's resources keep them"
            )
            continue
        # A group carried by several nodes (a server and a file system's mount targets) connects those that can:
        # the rule is reported only when none of its pairs can.
        understood = any(_connects(a, b, "traffic") for a, b in pairs)
        for from_node, to_node in pairs:
            edges.add(from_node, to_node, {"traffic"}, props, what=what, quiet=understood)
    for draft in list(im.drafts.values()):
        if draft.kind == "aws.vpc.security_group":
            for user in _users(im, edges, draft.resource.logical_id):
                edges.add(draft, user, {"protects"}, what=f"{draft.id} attached")


def _connects(source: Draft | None, target: Draft | None, meaning: str) -> bool:
    if source is None or target is None or source.id == target.id:
        return False
    connection = CATALOG.connection(source.kind, target.kind)
    return connection is not None and connection.meaning == meaning


def _rule_props(im: Importer, rule: dict[str, Json]) -> dict[str, Json]:
    """A rule's port (none when it opens every port) and protocol (when UDP; TCP is the default)."""
    props: dict[str, Json] = {}
    port = _int(im, rule.get("FromPort"))
    if port is not None and port > 0:
        props["port"] = port
    protocol = str(_plain(im, rule.get("IpProtocol"))).lower()
    if protocol in ("udp", "17"):
        props["protocol"] = "udp"
    return props


def _dict(value: Json) -> dict[str, Json]:
    return value if isinstance(value, dict) else {}


def _list(value: Json) -> list[dict[str, Json]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _refs(res: Resource, value: Json) -> list[str]:
    return references(value, res.all_ids) if value is not None else []


# -- IAM ---------------------------------------------------------------------------------------------------


def access_level(kind: str, actions: list[str]) -> str:
    table = _ACTIONS.get(kind, {})
    read = write = False
    for action in actions:
        verb = action.split(":", 1)[-1]
        if verb == "*" or action == "*":
            return "read-write"
        if action in table.get("write", ()) and action not in table.get("read", ()):
            write = True
        elif action in table.get("read", ()):
            read = True
        elif verb.startswith(_WRITE_VERBS):
            write = True
        elif verb.startswith(_READ_VERBS):
            read = True
    return "read-write" if read and write else "write" if write else "read"


def _statements(document: Json) -> list[dict[str, Json]]:
    if not isinstance(document, dict):
        return []
    statement = document.get("Statement")
    items = statement if isinstance(statement, list) else [statement]
    return [s for s in items if isinstance(s, dict) and s.get("Effect", "Allow") == "Allow"]


def _policies_of(resources: list[Resource]) -> list[dict[str, Json]]:
    """The Allow statements of the roles and policies among these resources."""
    out: list[dict[str, Json]] = []
    for res in resources:
        if res.type == "AWS::IAM::Role":
            for policy in _list(res.prop("Policies")):
                out += _statements(policy.get("PolicyDocument"))
        elif res.type in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"):
            out += _statements(res.prop("PolicyDocument"))
    return out


def _grant(im: Importer, edges: Edges, holder: Draft, statements: list[dict[str, Json]]) -> None:
    for statement in statements:
        actions = statement.get("Action")
        actions = [a for a in (actions if isinstance(actions, list) else [actions]) if isinstance(a, str)]
        for name in _refs(holder.resource, statement.get("Resource")):
            target = edges.node(name)
            if target is None:
                continue
            connection = CATALOG.connection(holder.kind, target.kind)
            if connection is None:
                continue
            if connection.meaning == "access":
                edges.add(holder, target, {"access"}, {"access": access_level(target.kind, actions)})
            elif connection.meaning in ("invoke", "logs"):
                edges.add(holder, target, {connection.meaning})


_SAM_POLICY_LEVEL = (
    ("Crud", "read-write"),
    ("FullAccess", "read-write"),
    ("Write", "write"),
    ("Publish", "write"),
    ("Send", "write"),
    ("Execute", "write"),
    ("Read", "read"),
    ("Poller", "read"),
    ("Decrypt", "read"),
)


def _iam(im: Importer, edges: Edges) -> None:
    for draft in list(im.drafts.values()):
        own = [r for r in draft.inside if r.type.startswith("AWS::IAM::")]
        if draft.kind == "aws.iam.role":
            users = [
                edges.node(r)
                for r in im.referrers[draft.resource.logical_id]
                if im.resources[r].type not in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy")
            ]
            statements = _policies_of(draft.resources)
            for user in dict.fromkeys(u for u in users if u is not None and u is not draft):
                edges.add(draft, user, {"role"}, quiet=True)
                _grant(im, edges, user, statements)
            continue
        _grant(im, edges, draft, _policies_of(own))
        if draft.resource.type == "AWS::Serverless::Function":
            _sam_function(im, edges, draft)


def _sam_function(im: Importer, edges: Edges, function: Draft) -> None:
    """SAM policy templates (DynamoDBCrudPolicy: {TableName: !Ref T}) and event sources."""
    for policy in _list(function.resource.prop("Policies")):
        for template_name, args in policy.items():
            level = next((lvl for word, lvl in _SAM_POLICY_LEVEL if word in template_name), "read")
            for name in _refs(function.resource, args):
                edges.add(function, edges.node(name), {"access"}, {"access": level}, quiet=True)
    events = function.resource.prop("Events")
    for event in events.values() if isinstance(events, dict) else []:
        if not isinstance(event, dict):
            continue
        kind, props = event.get("Type"), _dict(event.get("Properties"))
        names = _refs(function.resource, props)
        for name in names:
            source = edges.node(name)
            if kind in ("SQS", "DynamoDB"):
                edges.add(source, function, {"event_source"}, {"batch_size": _int(im, props.get("BatchSize"))})
            elif kind == "S3":
                edges.add(source, function, {"notification"}, {"events": _plain(im, props.get("Events"))})
            elif kind == "SNS":
                edges.add(source, function, {"subscription"})
            elif kind in ("Api", "HttpApi"):
                route = f"{str(props.get('Method', 'ANY')).upper()} {props.get('Path', '/')}"
                edges.add(source, function, {"integration"}, {"route": route.replace(" /", " /", 1)})


# -- events ------------------------------------------------------------------------------------------------


def _event_sources(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type != "AWS::Lambda::EventSourceMapping":
            continue
        for function in res.refs_in("FunctionName"):
            for source in res.refs_in("EventSourceArn"):
                edges.add(
                    edges.node(source),
                    edges.node(function),
                    {"event_source"},
                    {"batch_size": _int(im, res.prop("BatchSize"))},
                    what=res.logical_id,
                )


def _target_groups(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type != "AWS::ElasticLoadBalancingV2::TargetGroup":
            continue
        group = res.logical_id
        balancers = [
            edges.node(r)
            for r in im.referrers[group]
            if im.resources[r].type.startswith("AWS::ElasticLoadBalancingV2::Listener")
        ]
        targets = [edges.node(t) for rule in _list(res.prop("Targets")) for t in _refs(res, rule.get("Id"))]
        targets += [
            edges.node(r)
            for r in im.referrers[group]
            if im.resources[r].type in ("AWS::AutoScaling::AutoScalingGroup", "AWS::ECS::Service")
        ]
        port = _int(im, res.prop("Port"))
        for balancer in dict.fromkeys(b for b in balancers if b is not None):
            for target in dict.fromkeys(t for t in targets if t is not None):
                edges.add(balancer, target, {"traffic", "invoke"}, {"port": port}, what=group)


def _notifications(im: Importer, edges: Edges) -> None:
    for draft in list(im.drafts.values()):
        if draft.resource.type != "AWS::S3::Bucket":
            continue
        config = draft.resource.prop("NotificationConfiguration")
        if not isinstance(config, dict):
            continue
        for section, key in (
            ("LambdaConfigurations", "Function"),
            ("QueueConfigurations", "Queue"),
            ("TopicConfigurations", "Topic"),
        ):
            for entry in _list(config.get(section)):
                props: dict[str, Json] = {"events": _plain(im, entry.get("Event"))}
                rules = _dict(_dict(entry.get("Filter")).get("S3Key")).get("Rules")
                for rule in _list(rules):
                    name = str(rule.get("Name", "")).lower()
                    if name in ("prefix", "suffix"):
                        props[name] = _plain(im, rule.get("Value"))
                for name in _refs(draft.resource, entry.get(key)):
                    edges.add(draft, edges.node(name), {"notification"}, props, what=f"{draft.id} {section}")


def _subscriptions(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type == "AWS::SNS::Subscription":
            raw = _plain(im, res.prop("RawMessageDelivery"))
            props: dict[str, Json] = {}
            if raw is not None:
                props["raw_message_delivery"] = str(raw).lower() == "true"
            policy = res.prop("FilterPolicy")
            if isinstance(policy, dict):
                props["filter_policy"] = json.dumps(policy, sort_keys=True)
            for topic in res.refs_in("TopicArn"):
                for endpoint in res.refs_in("Endpoint"):
                    edges.add(edges.node(topic), edges.node(endpoint), {"subscription"}, props, what=res.logical_id)
        elif res.type == "AWS::SNS::Topic":
            for entry in _list(res.prop("Subscription")):
                for endpoint in _refs(res, entry.get("Endpoint")):
                    edges.add(edges.node(res.logical_id), edges.node(endpoint), {"subscription"}, what=res.logical_id)


def _rules(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type != "AWS::Events::Rule":
            continue
        rule = edges.node(res.logical_id)
        for entry in _list(res.prop("Targets")):
            for name in _refs(res, entry.get("Arn")):
                edges.add(rule, edges.node(name), {"target"}, what=f"{res.logical_id} target")
        for bus in res.refs_in("EventBusName"):
            edges.add(edges.node(bus), rule, {"routes"}, what=res.logical_id)


def _integrations(im: Importer, edges: Edges) -> None:
    routes: dict[str, str] = {}
    for res in im.resources.values():
        if res.type == "AWS::ApiGatewayV2::Route" and isinstance(res.prop("RouteKey"), str):
            for integration in res.refs_in("Target"):
                routes.setdefault(integration, res.prop("RouteKey"))
    for res in im.resources.values():
        if res.type == "AWS::ApiGatewayV2::Integration":
            api = edges.node(res.logical_id)
            route = routes.get(res.logical_id)
            props = {"route": route} if route and route != "$default" else {}
            for name in res.refs_in("IntegrationUri", "RequestParameters"):
                edges.add(api, edges.node(name), {"integration"}, props, what=res.logical_id)
        elif res.type == "AWS::ApiGateway::Method":
            api = edges.node(res.logical_id)
            integration = res.prop("Integration")
            if isinstance(integration, dict):
                route = _rest_route(im, res)
                for name in _refs(res, integration.get("Uri")):
                    edges.add(api, edges.node(name), {"integration"}, {"route": route}, what=res.logical_id)


def _is_root(value: Json) -> bool:
    """`!GetAtt Api.RootResourceId`, in either of its JSON forms."""
    target = value.get("Fn::GetAtt") if isinstance(value, dict) else None
    if isinstance(target, str):
        target = target.split(".", 1)
    return isinstance(target, list) and target[1:] == ["RootResourceId"]


def _rest_route(im: Importer, method: Resource) -> str | None:
    """A REST API method's route: its HTTP method and the path its resource and the resource's parents give
    ("GET /orders/{id}"); None when a part of it is only known at deployment."""
    verb = _plain(im, method.prop("HttpMethod"))
    parts: list[str] = []
    current = method.prop("ResourceId")
    for _ in range(20):  # deeper is a loop of parents, not a path
        if _is_root(current):
            return f"{verb.upper()} /{'/'.join(parts)}" if isinstance(verb, str) else None
        named = _refs(method, current) if isinstance(current, dict) and "Ref" in current else []
        resource = im.resources.get(named[0]) if named else None
        if resource is None or resource.type != "AWS::ApiGateway::Resource":
            return None
        part = _plain(im, resource.prop("PathPart"))
        if not isinstance(part, str):
            return None
        parts.insert(0, part)
        current = resource.prop("ParentId")
    return None


# -- edge, DNS, hybrid and the rest ------------------------------------------------------------------------


def _origins(im: Importer, edges: Edges) -> None:
    for draft in list(im.drafts.values()):
        if draft.resource.type != "AWS::CloudFront::Distribution":
            continue
        config = draft.resource.prop("DistributionConfig")
        if not isinstance(config, dict):
            continue
        default = _dict(config.get("DefaultCacheBehavior")).get("TargetOriginId")
        patterns = [(b.get("TargetOriginId"), b.get("PathPattern")) for b in _list(config.get("CacheBehaviors"))]
        for origin in _list(config.get("Origins")):
            origin_id = origin.get("Id")
            pattern = "*" if origin_id == default else next((p for o, p in patterns if o == origin_id), "*")
            props: dict[str, Json] = {"path_pattern": _plain(im, pattern)}
            custom = origin.get("CustomOriginConfig")
            if isinstance(custom, dict):
                props["origin_protocol"] = _plain(im, custom.get("OriginProtocolPolicy"))
            for name in _refs(draft.resource, origin.get("DomainName")):
                edges.add(draft, edges.node(name), {"origin"}, props, what=f"{draft.id} origin")


def _aliases(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type == "AWS::Route53::RecordSet":
            records = [res.properties]
        elif res.type == "AWS::Route53::RecordSetGroup":
            records = _list(res.prop("RecordSets"))
        else:
            continue
        zone = edges.node(res.logical_id)
        for record in records:
            alias = record.get("AliasTarget")
            if not isinstance(alias, dict) or zone is None:
                continue
            props: dict[str, Json] = {"record_type": _plain(im, record.get("Type"))}
            name, domain = _plain(im, record.get("Name")), zone.props.get("domain_name")
            if isinstance(name, str) and isinstance(domain, str):
                name = name.rstrip(".")
                props["record_name"] = "" if name == domain else name.removesuffix("." + domain)
            for target in _refs(res, alias.get("DNSName")):
                edges.add(zone, edges.node(target), {"alias"}, props, what=res.logical_id)


def _attachments(im: Importer, edges: Edges) -> None:
    for res in im.resources.values():
        if res.type == "AWS::EC2::TransitGatewayVpcAttachment":
            for tgw in res.refs_in("TransitGatewayId"):
                for vpc in res.refs_in("VpcId"):
                    edges.add(edges.node(tgw), edges.node(vpc), {"attachment"}, what=res.logical_id)
        elif res.type == "AWS::EC2::VPCGatewayAttachment":
            for gateway in res.refs_in("VpnGatewayId"):
                for vpc in res.refs_in("VpcId"):
                    edges.add(edges.node(gateway), edges.node(vpc), {"attachment"}, quiet=True)
        elif res.type == "AWS::EC2::VPNConnection":
            for tgw in res.refs_in("TransitGatewayId"):
                edges.add(edges.node(res.logical_id), edges.node(tgw), {"attachment"}, what=res.logical_id)
        elif res.type == "AWS::EC2::VolumeAttachment":
            for instance in res.refs_in("InstanceId"):
                for volume in res.refs_in("VolumeId"):
                    edges.add(edges.node(instance), edges.node(volume), {"attaches"}, what=res.logical_id)


def _keys_and_logs(im: Importer, edges: Edges) -> None:
    """A node whose resources name a KMS key is encrypted by it; one that names a log group logs there."""
    for draft in list(im.drafts.values()):
        for name in draft.refs():
            other = edges.node(name)
            if other is None or other is draft or im.resources[name] is not other.resource:
                continue
            if other.kind == "aws.kms.key":
                edges.add(other, draft, {"encrypts"}, quiet=True)
            elif other.kind == "aws.cloudwatch.log_group":
                edges.add(draft, other, {"logs"}, quiet=True)
