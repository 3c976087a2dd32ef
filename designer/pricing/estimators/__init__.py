"""One estimator per kind (or per small family of kinds), in the shape infracost uses: a node and its usage
in, a list of charges out. `ESTIMATORS` maps each priced kind to its function; `FREE` lists the kinds AWS
does not charge for, with the reason shown to users. A test checks every catalog kind is in one of them.
"""

from __future__ import annotations

from collections.abc import Callable

from ...graph import GraphNode
from ..charges import Context, NodeCharges
from . import (
    api_gateway,
    aurora_cluster,
    autoscaling_group,
    cloudformation_resource,
    cloudfront,
    direct_connect,
    dms_instance,
    dynamodb_table,
    ebs_volume,
    ec2_instance,
    ecs_service,
    efs_file_system,
    eks_cluster,
    elasticache_cluster,
    event_bus,
    interface_endpoint,
    kms_key,
    lambda_function,
    load_balancer,
    log_group,
    nat_gateway,
    rds_instance,
    resolver_endpoint,
    route53,
    s3_bucket,
    secret,
    sns_topic,
    sqs_queue,
    state_machine,
    transit_gateway,
    vpn_connection,
)

Estimator = Callable[[GraphNode, Context], NodeCharges]

_MODULES = (
    api_gateway,
    aurora_cluster,
    autoscaling_group,
    cloudformation_resource,
    cloudfront,
    direct_connect,
    dms_instance,
    dynamodb_table,
    ebs_volume,
    ec2_instance,
    ecs_service,
    efs_file_system,
    eks_cluster,
    elasticache_cluster,
    event_bus,
    interface_endpoint,
    kms_key,
    lambda_function,
    load_balancer,
    log_group,
    nat_gateway,
    rds_instance,
    resolver_endpoint,
    route53,
    s3_bucket,
    secret,
    sns_topic,
    sqs_queue,
    state_machine,
    transit_gateway,
    vpn_connection,
)

ESTIMATORS: dict[str, Estimator] = {kind: module.estimate for module in _MODULES for kind in module.KINDS}

FREE: dict[str, str] = {
    "aws.region": "a Region costs nothing by itself",
    "aws.vpc.vpc": "VPCs are free",
    "aws.vpc.availability_zone": "Availability Zones are free",
    "aws.vpc.subnet": "subnets are free",
    "aws.vpc.internet_gateway": "internet gateways are free (data transfer is priced where it leaves)",
    "aws.vpc.security_group": "security groups are free",
    "aws.vpc.network_acl": "network ACLs are free",
    "aws.vpc.gateway_endpoint": "gateway endpoints for S3 and DynamoDB are free",
    "aws.iam.role": "IAM is free",
    "aws.ecs.cluster": "ECS clusters are free; their services are priced",
    "aws.eventbridge.rule": "rules are free; events are priced on the event bus",
    "external.users": "outside AWS",
    "external.datacenter": "outside AWS",
}
