"""Compute kinds: EC2 instances and groups, containers, Kubernetes, Lambda and block storage."""

from __future__ import annotations

from .fields import (
    EBS_VOLUME_TYPES,
    EC2_INSTANCE_TYPES,
    LAMBDA_RUNTIMES,
    SUBNET,
    average_cpu,
    boolean,
    choice,
    integer,
    listof,
    monthly_hours,
    number,
    pricing_model,
    string,
    subnets,
)
from .network import AZ, REGION, VPC
from .spec import Field, Kind

ASG = "aws.autoscaling.group"
ECS_CLUSTER = "aws.ecs.cluster"

_OS = ("linux", "windows", "rhel", "suse")
_ARCH = ("x86_64", "arm64")


def _instance_type(default: str = "t3.medium") -> Field:
    return choice("instance_type", "Instance type", EC2_INSTANCE_TYPES, default)


def _root_volume() -> tuple[Field, Field]:
    return (
        choice("root_volume_type", "Root volume type", EBS_VOLUME_TYPES, "gp3"),
        integer("root_volume_size_gb", "Root volume size", 20, minimum=1, maximum=16384, unit="GB"),
    )


KINDS = [
    Kind(
        kind="aws.ec2.instance",
        label="EC2 instance",
        category="compute",
        service="Amazon EC2",
        description="Virtual servers of one instance type. Inside an Auto Scaling group they illustrate its "
        "members: the group's launch template and capacity are what count.",
        icon="aws/compute/ec2.png",
        cfn_types=("AWS::EC2::Instance",),
        parents=(SUBNET, ASG),
        props=(
            _instance_type(),
            integer("count", "Count", 1, minimum=1, maximum=1000),
            choice("os", "Operating system", _OS, "linux"),
            choice("tenancy", "Tenancy", ("shared", "dedicated", "host"), "shared"),
            *_root_volume(),
            boolean("detailed_monitoring", "Detailed monitoring", False),
            boolean("public_ip", "Public IPv4 address", False),
            pricing_model(),
        ),
        usage=(monthly_hours(), average_cpu()),
        keywords=("server", "vm", "virtual machine", "instance"),
        docs_url="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/concepts.html",
    ),
    Kind(
        kind=ASG,
        label="Auto Scaling group",
        category="compute",
        service="Amazon EC2 Auto Scaling",
        description="A fleet of EC2 instances from a launch template across subnets, optionally mixing "
        "on-demand and Spot capacity.",
        icon="aws/compute/ec2-auto-scaling.png",
        cfn_types=("AWS::AutoScaling::AutoScalingGroup", "AWS::EC2::LaunchTemplate"),
        parents=(VPC, SUBNET),
        container=True,
        placement="subnets",
        props=(
            listof(
                "instance_types",
                "Instance types",
                choice("item", "Instance type", EC2_INSTANCE_TYPES, "t3.medium"),
                max_items=20,
                help="The first is the launch template's; the others are overrides.",
            ),
            integer("min_size", "Minimum", 1, minimum=0, maximum=10000),
            integer("desired_capacity", "Desired", 2, minimum=0, maximum=10000),
            integer("max_size", "Maximum", 4, minimum=0, maximum=10000),
            choice("os", "Operating system", _OS, "linux"),
            *_root_volume(),
            integer("on_demand_base_capacity", "On-demand base capacity", 0, minimum=0, maximum=10000),
            integer("on_demand_percentage_above_base", "On-demand above base", 100, minimum=0, maximum=100, unit="%"),
            choice(
                "spot_allocation_strategy",
                "Spot allocation strategy",
                ("price-capacity-optimized", "capacity-optimized", "lowest-price"),
                "price-capacity-optimized",
            ),
            choice("health_check_type", "Health check", ("EC2", "ELB"), "EC2"),
            pricing_model(),
            subnets(),
        ),
        ordered=(("min_size", "desired_capacity", "max_size"),),
        usage=(monthly_hours(), average_cpu()),
        keywords=("asg", "autoscaling", "fleet", "spot"),
        docs_url="https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html",
    ),
    Kind(
        kind=ECS_CLUSTER,
        label="ECS cluster",
        category="compute",
        service="Amazon ECS",
        description="A logical group of ECS services.",
        icon="aws/compute/elastic-container-service.png",
        cfn_types=("AWS::ECS::Cluster",),
        parents=(REGION, VPC),
        at_root=True,
        container=True,
        props=(boolean("container_insights", "Container Insights", True),),
        keywords=("ecs", "containers", "docker"),
        docs_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html",
    ),
    Kind(
        kind="aws.ecs.service",
        label="ECS service",
        category="compute",
        service="Amazon ECS",
        description="Long-running containers on Fargate or EC2, kept at the desired count.",
        icon="aws/compute/elastic-container-service-service.png",
        cfn_types=("AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::IAM::Role", "AWS::Logs::LogGroup"),
        parents=(ECS_CLUSTER,),
        placement="subnets",
        props=(
            choice("launch_type", "Launch type", ("FARGATE", "EC2"), "FARGATE"),
            choice("cpu", "CPU", (256, 512, 1024, 2048, 4096, 8192, 16384), 512, help="CPU units; 1024 = 1 vCPU."),
            integer("memory_mib", "Memory", 1024, minimum=512, maximum=122880, unit="MiB"),
            choice("architecture", "CPU architecture", _ARCH, "x86_64"),
            integer("desired_count", "Desired tasks", 2, minimum=0, maximum=5000),
            integer("container_port", "Container port", 80, minimum=1, maximum=65535),
            string("image", "Container image", "public.ecr.aws/nginx/nginx:stable", max_length=512),
            boolean("assign_public_ip", "Assign public IP", False),
            pricing_model(),
            subnets("The subnets its tasks run in."),
        ),
        usage=(monthly_hours(),),
        keywords=("ecs", "fargate", "containers", "docker", "tasks"),
        docs_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html",
    ),
    Kind(
        kind="aws.eks.cluster",
        label="EKS cluster",
        category="compute",
        service="Amazon EKS",
        description="A managed Kubernetes control plane with a node group.",
        icon="aws/compute/elastic-kubernetes-service.png",
        cfn_types=("AWS::EKS::Cluster", "AWS::EKS::Nodegroup", "AWS::IAM::Role"),
        parents=(VPC, SUBNET),
        placement="subnets",
        min_subnet_azs=2,
        props=(
            choice("kubernetes_version", "Kubernetes version", ("1.34", "1.33", "1.32", "1.31"), "1.33"),
            choice("node_group_type", "Node group", ("managed", "fargate", "self-managed"), "managed"),
            _instance_type("m6i.large"),
            integer("node_count", "Nodes", 2, minimum=0, maximum=1000),
            choice("capacity_type", "Capacity type", ("ON_DEMAND", "SPOT"), "ON_DEMAND"),
            integer("node_volume_size_gb", "Node disk size", 20, minimum=1, maximum=16384, unit="GB"),
            pricing_model(),
            subnets(),
        ),
        usage=(monthly_hours(),),
        keywords=("kubernetes", "k8s", "eks", "containers"),
        docs_url="https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html",
    ),
    Kind(
        kind="aws.lambda.function",
        label="Lambda function",
        category="compute",
        service="AWS Lambda",
        description="Code run on demand. Place it in subnets (or list them) to reach resources inside a VPC.",
        icon="aws/compute/lambda.png",
        cfn_types=("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup"),
        parents=(REGION, VPC, SUBNET),
        at_root=True,
        placement="subnets",
        props=(
            choice("runtime", "Runtime", LAMBDA_RUNTIMES, "python3.12"),
            integer("memory_mb", "Memory", 512, minimum=128, maximum=10240, unit="MB"),
            choice("architecture", "Architecture", _ARCH, "arm64"),
            integer("timeout_s", "Timeout", 30, minimum=1, maximum=900, unit="seconds"),
            integer("ephemeral_storage_mb", "Ephemeral storage", 512, minimum=512, maximum=10240, unit="MB"),
            subnets("The subnets it attaches to when it runs inside a VPC."),
        ),
        usage=(
            number("monthly_requests", "Invocations", 1_000_000, unit="requests/month"),
            number("average_duration_ms", "Average duration", 200, minimum=1, maximum=900_000, unit="ms"),
        ),
        keywords=("serverless", "function", "faas"),
        docs_url="https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
    ),
    Kind(
        kind="aws.ebs.volume",
        label="EBS volume",
        category="compute",
        service="Amazon EBS",
        description="A block storage volume in one AZ, attached to an instance.",
        icon="aws/storage/elastic-block-store-ebs-volume.png",
        cfn_types=("AWS::EC2::Volume", "AWS::EC2::VolumeAttachment"),
        parents=(SUBNET, AZ),
        props=(
            choice("volume_type", "Volume type", EBS_VOLUME_TYPES, "gp3"),
            integer("size_gb", "Size", 100, minimum=1, maximum=65536, unit="GB"),
            integer(
                "iops",
                "Provisioned IOPS",
                3000,
                minimum=100,
                maximum=256000,
                help="gp3 includes 3,000; io1 and io2 are priced per provisioned IOPS.",
            ),
            integer(
                "throughput_mbps",
                "Throughput",
                125,
                minimum=125,
                maximum=1000,
                unit="MB/s",
                help="gp3 only; 125 MB/s is included.",
            ),
            boolean("encrypted", "Encrypted", True),
        ),
        usage=(number("snapshot_storage_gb", "Snapshot storage", 0, unit="GB-month"),),
        keywords=("ebs", "disk", "block storage", "volume"),
        docs_url="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html",
    ),
]
