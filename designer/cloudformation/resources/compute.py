"""Compute: EC2 instances and Auto Scaling groups (launch templates requiring IMDSv2, encrypted gp3 roots),
ECS clusters and services (task definition, roles, log group), EKS clusters with a node group, Lambda functions
(role, log group, optional VPC attachment) and EBS volumes.

Sources: the AWS::EC2::LaunchTemplate, AWS::EC2::Instance, AWS::AutoScaling::AutoScalingGroup,
AWS::ECS::TaskDefinition/Service, AWS::EKS::Cluster/Nodegroup, AWS::Lambda::Function and AWS::EC2::Volume
pages of https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/; IMDSv2 via
MetadataOptions.HttpTokens=required (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html);
the Amazon Linux 2023 AMI through its public SSM parameter
(https://docs.aws.amazon.com/linux/al2023/ug/ec2.html#launch-from-ssm-parameter).
"""

from __future__ import annotations

import re
from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import NO_VALUE, get_att, if_, ref, sub

_ARM = re.compile(r"^(a1|[a-z]+\d+g[a-z]*)\.")
_AMI_PARAMETERS = {
    "x86_64": ("LatestAmiIdX86", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"),
    "arm64": ("LatestAmiIdArm64", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"),
}
_LAMBDA_CODE = {
    "python": ("index.handler", "def handler(event, context):\n    return {'statusCode': 200, 'body': 'ok'}\n"),
    "nodejs": ("index.handler", "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n"),
}
_LAMBDA_HANDLERS = {
    "java": "example.Handler::handleRequest",
    "dotnet": "Function::Function.Function::FunctionHandler",
    "ruby": "lambda_function.lambda_handler",
    "provided": "bootstrap",
}


def architecture(instance_type: str) -> str:
    """Graviton instance families (m6g, t4g, c7gn, a1, ...) need an arm64 image."""
    return "arm64" if _ARM.match(instance_type) else "x86_64"


def ami(ctx: ExportContext, instance_type: str) -> dict[str, str]:
    name, path = _AMI_PARAMETERS[architecture(instance_type)]
    return ctx.template.parameter(
        name,
        Type="AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        Default=path,
        Description=f"Amazon Linux 2023 AMI ({architecture(instance_type)}), from its public SSM parameter",
    )


def key_name(ctx: ExportContext) -> Any:
    ctx.template.parameter(
        "KeyName",
        Type="String",
        Default="",
        Description="An EC2 key pair for SSH; empty for none (use Session Manager)",
    )
    ctx.template.conditions["HasKeyName"] = {"Fn::Not": [{"Fn::Equals": [ref("KeyName"), ""]}]}
    return if_("HasKeyName", ref("KeyName"), NO_VALUE)


def _instance_role(ctx: ExportContext, node: GraphNode) -> tuple[str, list[Any], str]:
    role, statements = ctx.role(
        node, "ec2.amazonaws.com", [sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore")]
    )
    profile = ctx.name(node, "InstanceProfile")
    ctx.template.add(profile, "AWS::IAM::InstanceProfile", {"Roles": [ref(role)]})
    return role, statements, profile


def _launch_template(
    ctx: ExportContext,
    node: GraphNode,
    instance_type: str,
    groups: list[Any],
    profile: str,
    network: dict[str, Any] | None = None,
) -> str:
    p = node.props
    data: dict[str, Any] = {
        "ImageId": ami(ctx, instance_type),
        "InstanceType": instance_type,
        "IamInstanceProfile": {"Arn": get_att(profile, "Arn")},
        "KeyName": key_name(ctx),
        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
        "BlockDeviceMappings": [
            {
                "DeviceName": "/dev/xvda",
                "Ebs": {
                    "VolumeType": p["root_volume_type"],
                    "VolumeSize": p["root_volume_size_gb"],
                    "Encrypted": True,
                    "DeleteOnTermination": True,
                },
            }
        ],
        "TagSpecifications": [{"ResourceType": "instance", "Tags": ctx.tags(node)}],
    }
    if p.get("detailed_monitoring"):
        data["Monitoring"] = {"Enabled": True}
    if network is not None:
        data["NetworkInterfaces"] = [network]
    else:
        data["SecurityGroupIds"] = groups
    logical_id = ctx.name(node, "LaunchTemplate")
    ctx.template.add(logical_id, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data})
    return logical_id


def ec2_instance(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    parent = ctx.graph.node(node.parent) if node.parent else None
    if parent is not None and parent.kind == "aws.autoscaling.group":
        ctx.note(f"{node.label} illustrates a member of Auto Scaling group {parent.label}; the group launches it")
        return NodeOut(primary="")
    if p["tenancy"] == "host":
        ctx.note(f"{node.label}: Dedicated Host tenancy needs a host allocated outside this template")
    security_group = ctx.security_group(node, f"EC2 instance {node.label}")
    groups = [get_att(security_group, "GroupId")]
    role, statements, profile = _instance_role(ctx, node)
    subnet = ref(ctx.subnet_ids[node.subnets[0]])
    network = None
    if p["public_ip"]:
        network = {"DeviceIndex": 0, "AssociatePublicIpAddress": True, "SubnetId": subnet, "Groups": groups}
    template = _launch_template(ctx, node, p["instance_type"], groups, profile, network)
    count = min(int(p["count"]), 50)
    if int(p["count"]) > 50:
        ctx.note(f"{node.label}: only 50 of its {p['count']} instances are written; use an Auto Scaling group")
    instances: list[str] = []
    for i in range(count):
        logical_id = ctx.name(node, "" if count == 1 else f"{i + 1}")
        properties: dict[str, Any] = {
            "LaunchTemplate": {"LaunchTemplateId": ref(template), "Version": get_att(template, "LatestVersionNumber")},
        }
        if network is None:
            properties["SubnetId"] = subnet
        if p["tenancy"] != "shared":
            properties["Tenancy"] = p["tenancy"]
        ctx.template.add(logical_id, "AWS::EC2::Instance", properties)
        instances.append(logical_id)
    primary = instances[0]
    ctx.template.output(
        f"{ctx.ids.node(node.id)}PrivateIp", get_att(primary, "PrivateIp"), f"Private IP address of {node.label}"
    )
    return NodeOut(
        primary=primary,
        name=ref(primary),
        security_group=security_group,
        security_groups=groups,
        statements=statements,
        role=role,
        port=80,
        extra={"instances": instances},
    )


def autoscaling_group(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    types = p["instance_types"] or ["t3.medium"]
    security_group = ctx.security_group(node, f"Auto Scaling group {node.label}")
    groups = [get_att(security_group, "GroupId")]
    role, statements, profile = _instance_role(ctx, node)
    template = _launch_template(ctx, node, types[0], groups, profile)
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "MinSize": str(p["min_size"]),
        "MaxSize": str(p["max_size"]),
        "DesiredCapacity": str(p["desired_capacity"]),
        "VPCZoneIdentifier": ctx.subnets_of(node),
        "HealthCheckType": p["health_check_type"],
        "MixedInstancesPolicy": {
            "LaunchTemplate": {
                "LaunchTemplateSpecification": {
                    "LaunchTemplateId": ref(template),
                    "Version": get_att(template, "LatestVersionNumber"),
                },
                "Overrides": [{"InstanceType": t} for t in types],
            },
            "InstancesDistribution": {
                "OnDemandBaseCapacity": p["on_demand_base_capacity"],
                "OnDemandPercentageAboveBaseCapacity": p["on_demand_percentage_above_base"],
                "SpotAllocationStrategy": p["spot_allocation_strategy"],
            },
        },
        "Tags": [{"Key": "Name", "Value": node.label, "PropagateAtLaunch": True}],
    }
    if p["health_check_type"] == "ELB":
        properties["HealthCheckGracePeriod"] = 300
    ctx.template.add(logical_id, "AWS::AutoScaling::AutoScalingGroup", properties)
    return NodeOut(
        primary=logical_id,
        name=ref(logical_id),
        security_group=security_group,
        security_groups=groups,
        statements=statements,
        role=role,
        port=80,
        extra={"properties": properties},
    )


def ecs_cluster(ctx: ExportContext, node: GraphNode) -> NodeOut:
    logical_id = ctx.name(node)
    insights = "enabled" if node.props["container_insights"] else "disabled"
    ctx.template.add(
        logical_id,
        "AWS::ECS::Cluster",
        {"ClusterSettings": [{"Name": "containerInsights", "Value": insights}], "Tags": ctx.tags(node)},
    )
    return NodeOut(primary=logical_id, name=ref(logical_id), arn=get_att(logical_id, "Arn"))


def ecs_service(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    base = ctx.ids.node(node.id)
    cluster = ctx.out[node.parent].primary if node.parent in ctx.out else None
    logs = ctx.name(node, "LogGroup")
    t.add(logs, "AWS::Logs::LogGroup", {"RetentionInDays": 30})
    execution = ctx.name(node, "ExecutionRole")
    t.add(
        execution,
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            },
            "ManagedPolicyArns": [
                sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
            ],
        },
    )
    role, statements = ctx.role(node, "ecs-tasks.amazonaws.com")
    image = t.parameter(
        f"{base}Image", Type="String", Default=p["image"], Description=f"Container image of {node.label}"
    )
    environment: list[dict[str, Any]] = []
    container = {
        "Name": base,
        "Image": image,
        "Essential": True,
        "PortMappings": [{"ContainerPort": p["container_port"], "Protocol": "tcp"}],
        "Environment": environment,
        "LogConfiguration": {
            "LogDriver": "awslogs",
            "Options": {
                "awslogs-group": ref(logs),
                "awslogs-region": ref("AWS::Region"),
                "awslogs-stream-prefix": base,
            },
        },
    }
    task = ctx.name(node, "TaskDefinition")
    t.add(
        task,
        "AWS::ECS::TaskDefinition",
        {
            "Family": base,
            "Cpu": str(p["cpu"]),
            "Memory": str(p["memory_mib"]),
            "NetworkMode": "awsvpc",
            "RequiresCompatibilities": [p["launch_type"]],
            "RuntimePlatform": {
                "CpuArchitecture": "ARM64" if p["architecture"] == "arm64" else "X86_64",
                "OperatingSystemFamily": "LINUX",
            },
            "ExecutionRoleArn": get_att(execution, "Arn"),
            "TaskRoleArn": get_att(role, "Arn"),
            "ContainerDefinitions": [container],
        },
    )
    security_group = ctx.security_group(node, f"ECS service {node.label}")
    groups = [get_att(security_group, "GroupId")]
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "LaunchType": p["launch_type"],
        "DesiredCount": p["desired_count"],
        "TaskDefinition": ref(task),
        "NetworkConfiguration": {
            "AwsvpcConfiguration": {
                "Subnets": ctx.subnets_of(node),
                "SecurityGroups": groups,
                "AssignPublicIp": "ENABLED" if p["assign_public_ip"] else "DISABLED",
            }
        },
        "Tags": ctx.tags(node),
    }
    if cluster:
        properties["Cluster"] = ref(cluster)
    if p["launch_type"] == "EC2":
        ctx.note(f"{node.label} uses the EC2 launch type: register container instances with its cluster")
    t.add(logical_id, "AWS::ECS::Service", properties)

    def add_env(name: str, value: Any) -> None:
        if not any(e["Name"] == name for e in environment):
            environment.append({"Name": name, "Value": value})

    return NodeOut(
        primary=logical_id,
        name=get_att(logical_id, "Name"),
        security_group=security_group,
        security_groups=groups,
        statements=statements,
        role=role,
        port=p["container_port"],
        add_env=add_env,
        extra={"properties": properties, "container": base, "log_group": logs},
    )


def eks_cluster(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    cluster_role = ctx.name(node, "ClusterRole")
    t.add(
        cluster_role,
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            },
            "ManagedPolicyArns": [sub("arn:${AWS::Partition}:iam::aws:policy/AmazonEKSClusterPolicy")],
        },
    )
    security_group = ctx.security_group(node, f"EKS cluster {node.label}")
    groups = [get_att(security_group, "GroupId")]
    logical_id = ctx.name(node)
    subnets = ctx.subnets_of(node)
    t.add(
        logical_id,
        "AWS::EKS::Cluster",
        {
            "Version": p["kubernetes_version"],
            "RoleArn": get_att(cluster_role, "Arn"),
            "ResourcesVpcConfig": {
                "SubnetIds": subnets,
                "SecurityGroupIds": groups,
                "EndpointPrivateAccess": True,
                "EndpointPublicAccess": True,
            },
        },
    )
    node_role: str | None = None
    statements: list[Any] | None = None
    if p["node_group_type"] == "fargate":
        pod_role = ctx.name(node, "PodExecutionRole")
        t.add(
            pod_role,
            "AWS::IAM::Role",
            {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "eks-fargate-pods.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "ManagedPolicyArns": [
                    sub("arn:${AWS::Partition}:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy")
                ],
            },
        )
        t.add(
            ctx.name(node, "FargateProfile"),
            "AWS::EKS::FargateProfile",
            {
                "ClusterName": ref(logical_id),
                "PodExecutionRoleArn": get_att(pod_role, "Arn"),
                "Subnets": subnets,
                "Selectors": [{"Namespace": "default"}],
            },
        )
    else:
        if p["node_group_type"] == "self-managed":
            ctx.note(f"{node.label}: self-managed nodes are written as a managed node group")
        # Pods on the nodes use the node role, so the least-privilege statements of the cluster's connections go
        # on it (EKS Pod Identity would narrow them to one service account; that is set up inside the cluster).
        node_role, statements = ctx.role(
            node,
            "ec2.amazonaws.com",
            [
                sub(f"arn:${{AWS::Partition}}:iam::aws:policy/{name}")
                for name in ("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly")
            ],
            suffix="NodeRole",
        )
        count = int(p["node_count"])
        t.add(
            ctx.name(node, "NodeGroup"),
            "AWS::EKS::Nodegroup",
            {
                "ClusterName": ref(logical_id),
                "NodeRole": get_att(node_role, "Arn"),
                "Subnets": subnets,
                "InstanceTypes": [p["instance_type"]],
                "AmiType": "AL2023_ARM_64_STANDARD"
                if architecture(p["instance_type"]) == "arm64"
                else "AL2023_x86_64_STANDARD",
                "CapacityType": p["capacity_type"],
                "DiskSize": p["node_volume_size_gb"],
                "ScalingConfig": {"MinSize": count, "DesiredSize": count, "MaxSize": max(count, 1)},
            },
        )
    ctx.template.output(
        f"{ctx.ids.node(node.id)}Endpoint", get_att(logical_id, "Endpoint"), f"Kubernetes API endpoint of {node.label}"
    )
    return NodeOut(
        primary=logical_id,
        name=ref(logical_id),
        arn=get_att(logical_id, "Arn"),
        security_group=security_group,
        security_groups=groups,
        port=443,
        role=node_role,
        statements=statements,
    )


def lambda_function(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    base = ctx.ids.node(node.id)
    language = re.match(r"[a-z]+", p["runtime"]).group(0)  # type: ignore[union-attr]
    logs = ctx.name(node, "LogGroup")
    t.add(
        logs,
        "AWS::Logs::LogGroup",
        {"LogGroupName": sub(f"/aws/lambda/${{AWS::StackName}}-{base}"), "RetentionInDays": 30},
    )
    managed = []
    if node.vpc is not None:
        managed.append(sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
    role, statements = ctx.role(node, "lambda.amazonaws.com", managed)
    statements.append(
        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": get_att(logs, "Arn")}
    )
    if language in _LAMBDA_CODE:
        handler, code = _LAMBDA_CODE[language]
        source: dict[str, Any] = {"ZipFile": code}
    else:
        handler = _LAMBDA_HANDLERS[language]
        bucket = t.parameter(
            "LambdaCodeBucket",
            Type="String",
            Default="",
            Description="S3 bucket holding the code of the functions that are not Python or Node.js",
        )
        key = t.parameter(
            f"{base}CodeKey", Type="String", Default=f"{base}.zip", Description=f"S3 key of the code of {node.label}"
        )
        source = {"S3Bucket": bucket, "S3Key": key}
    variables: dict[str, Any] = {}
    properties: dict[str, Any] = {
        "FunctionName": sub(f"${{AWS::StackName}}-{base}"),
        "Runtime": p["runtime"],
        "Handler": handler,
        "Code": source,
        "Role": get_att(role, "Arn"),
        "MemorySize": p["memory_mb"],
        "Timeout": p["timeout_s"],
        "Architectures": [p["architecture"]],
        "EphemeralStorage": {"Size": p["ephemeral_storage_mb"]},
        "LoggingConfig": {"LogGroup": ref(logs)},
        "Tags": ctx.tags(node),
    }
    security_group = None
    groups: list[Any] | None = None
    if node.subnets:
        security_group = ctx.security_group(node, f"Lambda function {node.label}")
        groups = [get_att(security_group, "GroupId")]
        properties["VpcConfig"] = {"SubnetIds": ctx.subnets_of(node), "SecurityGroupIds": groups}
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::Lambda::Function", properties)

    def add_env(name: str, value: Any) -> None:
        variables.setdefault(name, value)
        properties["Environment"] = {"Variables": variables}

    return NodeOut(
        primary=logical_id,
        arn=get_att(logical_id, "Arn"),
        name=ref(logical_id),
        env_name="FUNCTION",
        security_group=security_group,
        security_groups=groups,
        statements=statements,
        role=role,
        add_env=add_env,
        extra={"properties": properties, "log_group": logs},
    )


def ebs_volume(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    properties: dict[str, Any] = {
        "AvailabilityZone": ctx.zones.get(node.az or "", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        "Size": p["size_gb"],
        "VolumeType": p["volume_type"],
        "Encrypted": p["encrypted"],
        "Tags": ctx.tags(node),
    }
    if p["volume_type"] in ("gp3", "io1", "io2"):
        properties["Iops"] = p["iops"]
    if p["volume_type"] == "gp3":
        properties["Throughput"] = p["throughput_mbps"]
    logical_id = ctx.name(node)
    ctx.template.add(
        logical_id, "AWS::EC2::Volume", properties, DeletionPolicy="Snapshot", UpdateReplacePolicy="Snapshot"
    )
    return NodeOut(primary=logical_id, name=ref(logical_id), extra={"properties": properties})
