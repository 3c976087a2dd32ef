"""DMS replication: an endpoint for each side of a replication instance and, once both sides are connected, a
replication task.

On-premises databases: server, port, database and user are parameters and the password a NoEcho parameter
(never written in the template). AWS databases: their address and port, with the credentials read from their
Secrets Manager secret through a role DMS assumes. S3 and DynamoDB targets: a role allowed only that bucket or
table. Sources: AWS::DMS::Endpoint, AWS::DMS::ReplicationTask
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-endpoint.html),
https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html#security-iam-secretsmanager.
"""

from __future__ import annotations

import json
from typing import Any

from ...graph import GraphEdge, GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, ref, sub

# Where an endpoint's engine takes the secret holding its credentials (AWS::DMS::Endpoint *Settings).
_SECRET_SETTINGS = {
    "postgres": "PostgreSqlSettings",
    "aurora-postgresql": "PostgreSqlSettings",
    "mysql": "MySqlSettings",
    "aurora": "MySqlSettings",
    "mariadb": "MySqlSettings",
    "oracle": "OracleSettings",
    "sqlserver": "MicrosoftSqlServerSettings",
}
_ENGINES = {
    "postgres": "postgres",
    "aurora-postgresql": "aurora-postgresql",
    "mysql": "mysql",
    "aurora-mysql": "aurora",
    "mariadb": "mariadb",
    "oracle-se2": "oracle",
    "sqlserver-se": "sqlserver",
    "sqlserver-ex": "sqlserver",
    "sqlserver-web": "sqlserver",
}


def _role(ctx: ExportContext, name: str, actions: list[str], resources: list[Any]) -> str:
    role = ctx.ids.claim(name)
    ctx.template.add(
        role,
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": sub("dms.${AWS::Region}.amazonaws.com")},
                        "Action": "sts:AssumeRole",
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "Endpoint",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resources}],
                    },
                }
            ],
        },
    )
    return role


def _endpoint(ctx: ExportContext, dms: NodeOut, node: GraphNode, kind: str) -> str | None:
    t = ctx.template
    base = f"{dms.primary}{ctx.ids.node(node.id)}{kind.title()}"
    out = ctx.out.get(node.id)
    properties: dict[str, Any] = {"EndpointType": kind}
    if node.kind == "external.datacenter":
        prefix = ctx.ids.node(node.id)
        properties.update(
            EngineName=t.parameter(
                f"{prefix}Engine",
                Type="String",
                Default="postgres",
                AllowedValues=sorted(set(_ENGINES.values())),
                Description=f"Database engine at {node.label}",
            ),
            ServerName=t.parameter(
                f"{prefix}Server",
                Type="String",
                Default="db.example.internal",
                Description=f"Database server at {node.label}",
            ),
            Port=t.parameter(f"{prefix}Port", Type="Number", Default=5432, Description=f"Port at {node.label}"),
            DatabaseName=t.parameter(
                f"{prefix}Database", Type="String", Default="app", Description=f"Database at {node.label}"
            ),
            Username=t.parameter(
                f"{prefix}User", Type="String", Default="replication", Description=f"Replication user at {node.label}"
            ),
            Password=t.parameter(
                f"{prefix}Password",
                Type="String",
                NoEcho=True,
                MinLength=1,
                Description=f"Password of the replication user at {node.label}",
            ),
        )
    elif node.kind in ("aws.rds.instance", "aws.rds.aurora_cluster") and out is not None:
        secret = out.extra.get("secret_arn")
        role = _role(ctx, f"{base}SecretRole", ["secretsmanager:GetSecretValue"], [secret])
        engine = _ENGINES[node.props["engine"]]
        properties.update(
            {
                "EngineName": engine,
                _SECRET_SETTINGS[engine]: {
                    "SecretsManagerSecretId": secret,
                    "SecretsManagerAccessRoleArn": get_att(role, "Arn"),
                },
                "DatabaseName": "postgres" if "postgres" in engine else "mysql",
            }
        )
    elif node.kind == "aws.s3.bucket" and out is not None:
        role = _role(
            ctx,
            f"{base}Role",
            ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
            [out.arn, sub(f"${{{out.primary}.Arn}}/*")],
        )
        properties.update(
            EngineName="s3", S3Settings={"BucketName": ref(out.primary), "ServiceAccessRoleArn": get_att(role, "Arn")}
        )
    elif node.kind == "aws.dynamodb.table" and out is not None:
        role = _role(
            ctx,
            f"{base}Role",
            [
                "dynamodb:PutItem",
                "dynamodb:CreateTable",
                "dynamodb:DescribeTable",
                "dynamodb:DeleteItem",
                "dynamodb:UpdateItem",
            ],
            [out.arn],
        )
        properties.update(EngineName="dynamodb", DynamoDbSettings={"ServiceAccessRoleArn": get_att(role, "Arn")})
    else:
        ctx.note(f"{node.label} cannot be a DMS {kind} endpoint")
        return None
    logical_id = ctx.ids.claim(base)
    t.add(logical_id, "AWS::DMS::Endpoint", properties)
    return logical_id


def wire(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    into = target.kind == "aws.dms.replication_instance"
    dms_node = target if into else source
    dms = ctx.out.get(dms_node.id)
    if dms is None or not dms.primary:
        return
    endpoint = _endpoint(ctx, dms, source if into else target, "source" if into else "target")
    if endpoint is None:
        return
    sides = dms.extra.setdefault("endpoints", {})
    sides["source" if into else "target"] = (endpoint, edge.props["migration_type"])
    if "source" in sides and "target" in sides and "task" not in dms.extra:
        task = ctx.ids.claim(f"{dms.primary}Task")
        mappings = {
            "rules": [
                {
                    "rule-type": "selection",
                    "rule-id": "1",
                    "rule-name": "everything",
                    "object-locator": {"schema-name": "%", "table-name": "%"},
                    "rule-action": "include",
                }
            ]
        }
        ctx.template.add(
            task,
            "AWS::DMS::ReplicationTask",
            {
                "MigrationType": sides["target"][1],
                "ReplicationInstanceArn": ref(dms.primary),
                "SourceEndpointArn": ref(sides["source"][0]),
                "TargetEndpointArn": ref(sides["target"][0]),
                "TableMappings": json.dumps(mappings),
            },
        )
        dms.extra["task"] = task
