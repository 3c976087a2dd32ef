"""The three-tier web app blueprint: a load-balanced web tier, an application tier and a database tier, spread
over two or more Availability Zones.

What it draws, following the AWS Well-Architected reliability and security pillars
(https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html):
- the network of the VPC plan (vpc_plan.py): in each zone a /20 public, a /20 private and a /22 database subnet,
  a NAT gateway per zone, an S3 gateway endpoint;
- an internet-facing Application Load Balancer (HTTPS) in the public subnets, optionally behind CloudFront with
  an AWS WAF web ACL, which also serves static assets from S3 under /static/*;
- the application in the private subnets: an ECS service on Fargate (Graviton, one task per zone and at least
  two), or an Auto Scaling group of m7g.large instances (one per zone, up to two per zone) checked by the load
  balancer;
- the database in the isolated database subnets: Aurora (a writer and a reader, db.r6g.large) or RDS Multi-AZ
  (db.m6g.large, 100 GB gp3), encrypted, with deletion protection; optionally an ElastiCache for Redis OSS
  cluster with a replica, encrypted in transit and at rest;
- a Route 53 hosted zone naming the entry point, a Secrets Manager secret rotated every 30 days (the template
  notes that rotation needs a rotation function), and a log group keeping 30 days.
"""

from __future__ import annotations

from typing import Any

from ..catalog import CATALOG
from .drawing import REGION, Drawing, zones_param
from .spec import Blueprint, Param, Params
from .vpc_plan import PlanDoesNotFit, draw_network, plan

PREFIXES = {"public": 20, "private": 20, "database": 22}
_ZONE = CATALOG.kinds["aws.route53.hosted_zone"].field("domain_name")

PARAMS = (
    REGION,
    zones_param(2),
    Param(
        "compute",
        "Compute",
        "choice",
        "ecs-fargate",
        help="Containers on ECS Fargate, or EC2 instances in an Auto Scaling group.",
        options=("ecs-fargate", "auto-scaling-group"),
    ),
    Param(
        "database",
        "Database",
        "choice",
        "aurora",
        help="An Aurora cluster (a writer and a reader), or an RDS instance with a Multi-AZ standby.",
        options=("aurora", "rds"),
    ),
    Param("engine", "Database engine", "choice", "postgresql", options=("postgresql", "mysql")),
    Param("cache", "Cache", "boolean", True, help="An ElastiCache for Redis OSS cluster with a replica."),
    Param(
        "cdn",
        "CloudFront",
        "boolean",
        True,
        help="CloudFront with an AWS WAF web ACL in front of the load balancer, serving static assets from S3.",
    ),
    Param(
        "vpc_cidr",
        "VPC CIDR",
        "cidr",
        "10.0.0.0/16",
        help="The VPC's range; each zone takes a /20 public, a /20 private and a /22 database subnet from it.",
        minimum=16,
        maximum=28,
    ),
    Param(
        "domain_name",
        "Domain name",
        "string",
        "example.com",
        help="The hosted zone that names the site (www.<domain>).",
        pattern=_ZONE.pattern if _ZONE is not None else None,
        max_length=253,
    ),
)


def check(params: Params) -> dict[str, str]:
    try:
        plan(params["vpc_cidr"], params["azs"], PREFIXES)
    except PlanDoesNotFit as exc:
        return {"vpc_cidr": str(exc)}
    return {}


def build(params: Params) -> dict[str, Any]:
    azs, region = params["azs"], params["region"]
    d = Drawing()
    d.add("users", "external.users", "Users")
    d.add("dns", "aws.route53.hosted_zone", params["domain_name"], domain_name=params["domain_name"])
    if params["cdn"]:
        d.add("cdn", "aws.cloudfront.distribution", "CDN", waf=True)
    d.region_box(region)
    subnets = draw_network(
        d,
        vpc_id="vpc",
        label="app-vpc",
        parent="region",
        cidr=params["vpc_cidr"],
        azs=azs,
        prefixes=PREFIXES,
        nat_gateways="one-per-az",
    )
    d.add("s3-endpoint", "aws.vpc.gateway_endpoint", "S3 gateway endpoint", "vpc", service="s3")
    d.add("alb", "aws.elb.application_load_balancer", "web-alb", "vpc", subnets=subnets["public"])
    if params["compute"] == "ecs-fargate":
        d.add("ecs", "aws.ecs.cluster", "app-cluster", "vpc")
        d.add(
            "app",
            "aws.ecs.service",
            "app",
            "ecs",
            cpu=512,
            memory_mib=1024,
            architecture="arm64",
            desired_count=max(2, azs),
            container_port=8080,
            subnets=subnets["private"],
        )
    else:
        d.add(
            "app",
            "aws.autoscaling.group",
            "app",
            "vpc",
            instance_types=["m7g.large"],
            min_size=azs,
            desired_capacity=azs,
            max_size=2 * azs,
            health_check_type="ELB",
            subnets=subnets["private"],
        )
    _database(d, params, subnets["database"])
    d.add("assets", "aws.s3.bucket", "static-assets", "region", usage={"storage_gb": 50})
    d.add("secret", "aws.secretsmanager.secret", "app-config", "region", rotation_days=30)
    d.add("logs", "aws.cloudwatch.log_group", "app-logs", "region", retention_days=30)

    d.connect("users", "dns")
    entry = "cdn" if params["cdn"] else "alb"
    d.connect("users", entry, port=443, protocol="HTTPS")
    d.connect("dns", entry, record_name="www")
    if params["cdn"]:
        d.connect("cdn", "alb", path_pattern="*")
        d.connect("cdn", "assets", path_pattern="/static/*")
    d.connect("alb", "app", port=8080)
    d.connect("app", "db")
    if params["cache"]:
        d.connect("app", "cache")
    d.connect("app", "assets", access="read-write")
    d.connect("app", "secret", access="read")
    d.connect("app", "logs")
    return d.document("Three-tier web app", _description(params), region)


def _database(d: Drawing, params: Params, subnets: list[str]) -> None:
    postgres = params["engine"] == "postgresql"
    if params["database"] == "aurora":
        d.add(
            "db",
            "aws.rds.aurora_cluster",
            "app-db",
            "vpc",
            engine="aurora-postgresql" if postgres else "aurora-mysql",
            instance_class="db.r6g.large",
            instances=2,
            subnets=subnets,
        )
    else:
        d.add(
            "db",
            "aws.rds.instance",
            "app-db",
            "vpc",
            engine="postgres" if postgres else "mysql",
            instance_class="db.m6g.large",
            multi_az=True,
            subnets=subnets,
        )
    if params["cache"]:
        d.add("cache", "aws.elasticache.cluster", "sessions", "vpc", replicas=1, subnets=subnets)


def _description(params: Params) -> str:
    compute = "containers on ECS Fargate" if params["compute"] == "ecs-fargate" else "an EC2 Auto Scaling group"
    engine = "PostgreSQL" if params["engine"] == "postgresql" else "MySQL"
    database = f"Aurora {engine}" if params["database"] == "aurora" else f"RDS for {engine} (Multi-AZ)"
    front = "CloudFront with AWS WAF and an" if params["cdn"] else "An"
    return (
        f"{front} internet-facing Application Load Balancer in public subnets across {params['azs']} Availability "
        f"Zones, {compute} in private subnets, {database}"
        + (" and ElastiCache for Redis OSS" if params["cache"] else "")
        + " in isolated database subnets, a NAT gateway per zone, and S3 for static assets."
    )


BLUEPRINT = Blueprint(
    slug="three-tier",
    title="Three-tier web app",
    description="A load balancer in public subnets, the application in private subnets and the database in "
    "isolated subnets, across Availability Zones: ECS Fargate or an Auto Scaling group, Aurora or RDS, a cache "
    "if you want one, CloudFront in front.",
    params=PARAMS,
    build=build,
    check=check,
)
