"""Which products of each offer the estimators use, so ingest keeps only those SKUs.

A region's AmazonEC2 offer holds about 106,000 products (FORMAT.md 1.7); the estimators need a few thousand.
Each rule names a product family (None: any), a regular expression the usage type must match in full once its
region prefix is removed ("EU-BoxUsage:m5.large" -> "BoxUsage:m5.large"), attributes that must have one of
the given values, attributes that must have one of them only when present (older files lack
`capacitystatus` and `marketoption`), and attribute values that exclude a product.

Sources: the selections documented in ../shared/pricing/FORMAT.md section 4 (EC2, EBS, RDS, Aurora, S3,
NAT, ELB, Lambda, DynamoDB, data transfer, CloudFront, Fargate, ElastiCache), which cite infracost,
ec2instances.info, opencost, terrapod and karpenter. Usage types of the other services (EKS, VPC endpoints,
Transit Gateway, VPN, Direct Connect, Route 53 and its Resolver endpoints, API Gateway, SQS, SNS, EventBridge,
Step Functions, KMS, Secrets Manager, CloudWatch Logs, DMS, EFS) are not documented there and are **unverified**
against a live file: a rule that matches nothing shows up as "no price found" in an estimate, never as $0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .regions import bare_usage_type


@dataclass(frozen=True)
class Rule:
    families: tuple[str, ...] | None
    usage: str
    attrs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    when_present: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_usage", re.compile(self.usage))

    def matches(self, family: str, usage_type: str, attributes: dict[str, str]) -> bool:
        if self.families is not None and family not in self.families:
            return False
        if not self._usage.fullmatch(bare_usage_type(usage_type)):  # type: ignore[attr-defined]
            return False
        for name, allowed in self.attrs.items():
            if attributes.get(name) not in allowed:
                return False
        for name, allowed in self.when_present.items():
            if name in attributes and attributes[name] not in allowed:
                return False
        return all(attributes.get(name) not in values for name, values in self.exclude.items())


EC2_OPERATING_SYSTEMS = ("Linux", "Windows", "RHEL", "SUSE")

RULES: dict[str, tuple[Rule, ...]] = {
    "AmazonEC2": (
        # FORMAT.md 4 "EC2 instance-hour" and pitfalls 1-3: pin every attribute that multiplies SKUs.
        Rule(
            ("Compute Instance", "Compute Instance (bare metal)"),
            r"(BoxUsage|DedicatedUsage):.+",
            attrs={
                "preInstalledSw": ("NA",),
                "licenseModel": ("No License required",),
                "operatingSystem": EC2_OPERATING_SYSTEMS,
                "tenancy": ("Shared", "Dedicated"),
            },
            when_present={"capacitystatus": ("Used",), "marketoption": ("OnDemand",)},
        ),
        Rule(("Storage",), r"EBS:VolumeUsage(\..+)?"),
        Rule(("System Operation",), r"EBS:VolumeP-IOPS\..+"),
        Rule(("Provisioned Throughput",), r"EBS:VolumeP-Throughput\..+"),
        Rule(("Storage Snapshot",), r"EBS:SnapshotUsage"),
        Rule(("NAT Gateway",), r"NatGateway-(Hours|Bytes)"),
        Rule(("Data Transfer",), r"DataTransfer-(Out|Regional)-Bytes"),
    ),
    "AWSELB": (
        Rule(
            ("Load Balancer-Application", "Load Balancer-Network"),
            r"LoadBalancerUsage|LCUUsage",
            when_present={"locationType": ("AWS Region",)},
        ),
    ),
    "AmazonRDS": (
        Rule(
            ("Database Instance",),
            r"(InstanceUsage|Multi-AZUsage|InstanceUsageIOOptimized):db\..+",
            exclude={"deploymentModel": ("Custom",), "licenseModel": ("Bring your own license",)},
        ),
        Rule(("Database Storage",), r"RDS:(Multi-AZ-)?(GP2|GP3|PIOPS|IO2)-Storage|Aurora:(IOOptimized)?StorageUsage"),
        Rule(("Provisioned IOPS",), r"RDS:(Multi-AZ-)?(PIOPS|IO2-PIOPS|GP3-PIOPS)"),
        Rule(("System Operation",), r"Aurora:StorageIOUsage"),
        Rule(("Storage Snapshot",), r"RDS:ChargedBackupUsage|Aurora:BackupUsage"),
        Rule(("ServerlessV2",), r"Aurora:ServerlessV2(IOOptimized)?Usage"),
    ),
    "AmazonS3": (
        Rule(
            ("Storage",),
            r"TimedStorage-(ByteHrs|SIA-ByteHrs|ZIA-ByteHrs|GIR-ByteHrs|INT-FA-ByteHrs)",
            when_present={"operation": ("",)},
        ),
        Rule(("API Request",), r"Requests-Tier[12]"),
    ),
    "AmazonS3GlacierDeepArchive": (Rule(("Storage",), r"TimedStorage-GDA-ByteHrs"),),
    "AmazonGlacier": (Rule(("Storage",), r"TimedStorage-ByteHrs"),),
    "AWSLambda": (Rule(("Serverless",), r"Request(-ARM)?|Lambda-GB-Second(-ARM)?"),),
    "AmazonDynamoDB": (
        Rule(("Amazon DynamoDB PayPerRequest Throughput",), r"(Read|Write)RequestUnits"),
        Rule(("Provisioned IOPS",), r"(Read|Write)CapacityUnit-Hrs"),
        Rule(("Database Storage",), r"TimedStorage-ByteHrs"),
    ),
    "AmazonElastiCache": (
        Rule(("Cache Instance",), r"NodeUsage:cache\..+", when_present={"locationType": ("AWS Region",)}),
    ),
    "AmazonECS": (Rule(("Compute",), r"Fargate-(ARM-)?(vCPU-Hours:perCPU|GB-Hours)"),),
    "AmazonEKS": (Rule(None, r"AmazonEKS-Hours:perCluster"),),
    "AmazonVPC": (
        Rule(None, r"VpcEndpoint-(Hours|Bytes)"),
        Rule(None, r"TransitGateway-(Hours|Bytes)"),
        Rule(None, r"VPN-Usage-Hours:ipsec\.1"),
        Rule(None, r"PublicIPv4:InUseAddress"),
    ),
    "AWSDirectConnect": (Rule(None, r"PortUsage:.+|DataXfer-Out:.+"),),
    "AmazonCloudFront": (
        Rule(("Data Transfer",), r"DataTransfer-Out-Bytes", attrs={"transferType": ("CloudFront Outbound",)}),
        Rule(None, r"Requests-(Tier1|Tier2-HTTPS)"),
    ),
    "AmazonRoute53": (Rule(None, r"HostedZone|DNS-Queries|ResolverNetworkInterface"),),
    "AmazonApiGateway": (Rule(None, r"ApiGatewayRequest|ApiGatewayHttpRequest"),),
    "AWSQueueService": (Rule(None, r"Requests-(FIFO-)?RBP"),),
    "AmazonSNS": (Rule(None, r"Requests-Tier1|DeliveryAttempts-(HTTP|SMTP)"),),
    "AWSEvents": (Rule(None, r"Event-64K-Chunks"),),
    "AmazonStates": (Rule(None, r"StateTransition|ExpressWorkflow-(Requests|GB-Second)"),),
    "awskms": (Rule(None, r"KMS-Keys|KMS-Requests"),),
    "AWSSecretsManager": (Rule(None, r"AWSSecretsManager-(Secrets|APIRequest)"),),
    "AmazonCloudWatch": (Rule(None, r"DataProcessing-Bytes|TimedStorage-ByteHrs"),),
    "AWSDatabaseMigrationSvc": (Rule(None, r"(InstanceUsg|Multi-AZUsg):dms\..+|(Multi-AZ)?StorageUsage"),),
    "AmazonEFS": (Rule(None, r"TimedStorage-ByteHrs|IATimedStorage-ByteHrs"),),
    "AWSDataTransfer": (Rule(("Data Transfer",), r"DataTransfer-(Out|Regional)-Bytes"),),
}

# Offers priced worldwide, without per-region files: fetched whole and stored under this region name.
GLOBAL_REGION = "global"
GLOBAL_OFFERS = frozenset({"AmazonCloudFront", "AmazonRoute53"})

# Attributes worth keeping on a stored price (the rest of a product's attributes are dropped).
KEPT_ATTRIBUTES = frozenset(
    {
        "instanceType",
        "operatingSystem",
        "tenancy",
        "preInstalledSw",
        "licenseModel",
        "capacitystatus",
        "marketoption",
        "vcpu",
        "memory",
        "physicalProcessor",
        "processorArchitecture",
        "instanceFamily",
        "volumeApiName",
        "volumeType",
        "storageClass",
        "databaseEngine",
        "databaseEdition",
        "deploymentOption",
        "deploymentModel",
        "cacheEngine",
        "group",
        "groupDescription",
        "transferType",
        "fromLocation",
        "toLocation",
        "fromRegionCode",
        "toRegionCode",
        "location",
        "regionCode",
        "locationType",
        "operation",
        "queueType",
        "endpointType",
        "requestType",
        "cpuArchitecture",
        "availabilityZone",
        "portSpeed",
        "connectionType",
        "servicecode",
    }
)

# Savings Plans: only Compute Savings Plans, and only rates for what the estimators price with them.
SAVINGS_PLAN_FAMILY = "ComputeSavingsPlans"
SAVINGS_PLAN_USAGE = re.compile(r"(BoxUsage|DedicatedUsage):.+|Fargate-(ARM-)?(vCPU-Hours:perCPU|GB-Hours)")


def keeps(offer_code: str, family: str, usage_type: str, attributes: dict[str, str]) -> bool:
    """Whether ingest keeps this product of `offer_code`."""
    return any(rule.matches(family, usage_type, attributes) for rule in RULES.get(offer_code, ()))


def kept_attributes(attributes: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attributes.items() if k in KEPT_ATTRIBUTES}
