"""Each estimator against hand-computed monthly costs, priced with the bundled snapshot (us-east-1).

Every expected figure is written out from REFERENCE-PRICES.md (section given in the comment) or, where that
file has no row, from data/aws-facts/list-prices.json (fact id given). A month is 730 hours (REFERENCE-PRICES.md
§7, infracost's convention; PricingSettings' default).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from designer.pricing.charges import PricingSettings
from designer.pricing.estimate import Estimate
from tests.engines.design_builders import edge, graph, node
from tests.pricing.price_books import charges, costs, priced, unpriced, vpc

HOURS = Decimal(730)
BOTH_PRIVATE = ["private-a", "private-b"]
BOTH_PUBLIC = ["public-a", "public-b"]


def d(value: str | int) -> Decimal:
    return Decimal(value)


def upfront(result: Estimate, owner: str) -> dict[str, Decimal]:
    """Line name -> amortised upfront fee a month, rounded to 10 places (it is a division)."""
    return {line.name: round(line.upfront_monthly, 10) for line in result.lines if line.node == owner}


def recurring(result: Estimate, owner: str) -> dict[str, Decimal]:
    return {line.name: line.monthly_cost for line in result.lines if line.node == owner}


def notes(result: Estimate, owner: str) -> dict[str, str]:
    return {line.name: line.note for line in result.lines if line.node == owner}


# -- EC2 -------------------------------------------------------------------------------------------------


def test_two_t3_medium_instances_on_demand_with_20_gb_gp3_root_volumes() -> None:
    g = graph(*vpc(), node("web", "aws.ec2.instance", "private-a", instance_type="t3.medium", count=2))

    result = priced(g)

    # §1 t3.medium $0.0416/h; §2 gp3 $0.08/GB-month
    assert costs(result, "web") == {
        "Instance hours (t3.medium, Linux, on-demand)": 2 * HOURS * d("0.0416"),  # 60.736
        "Root volume (gp3)": 2 * 20 * d("0.08"),  # 3.20
    }
    assert result.by_node()["web"] == d("63.936")
    assert result.unpriced == []


def test_a_public_ipv4_address_is_charged_per_instance_hour() -> None:
    g = graph(*vpc(), node("web", "aws.ec2.instance", "public-a", instance_type="m5.large", public_ip=True))

    # §1 m5.large $0.096/h; list-prices.json ec2.public_ipv4_hour $0.005/h; §2 gp3 $0.08
    assert costs(priced(g), "web") == {
        "Instance hours (m5.large, Linux, on-demand)": HOURS * d("0.096"),  # 70.08
        "Root volume (gp3)": 20 * d("0.08"),  # 1.60
        "Public IPv4 address": HOURS * d("0.005"),  # 3.65
    }


def test_m5_large_reserved_1yr_partial_upfront_reports_the_hourly_part_and_a_twelfth_of_the_fee() -> None:
    g = graph(*vpc(), node("db-host", "aws.ec2.instance", "private-a", instance_type="m5.large"))

    result = priced(g, PricingSettings(pricing_model="reserved_1y_partial_upfront"))

    # The bundled m5.large reserved terms are verbatim from the GetProducts answer of 2021-02
    # (getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json, offer term HU7G6KETJZ: 1yr, standard,
    # Partial Upfront): $0.029/h and an upfront fee of $252, i.e. $252 / 12 = $21.00 a month.
    name = "Instance hours (m5.large, Linux, reserved 1yr, partial upfront)"
    assert recurring(result, "db-host") == {name: HOURS * d("0.029"), "Root volume (gp3)": d("1.60")}  # 21.17
    assert upfront(result, "db-host") == {name: d(252) / 12, "Root volume (gp3)": 0}
    assert round(result.by_node()["db-host"], 10) == d("21.17") + d("21.00") + d("1.60")
    assert round(result.upfront_monthly, 10) == d("21.00")


def test_m5_large_reserved_3yr_all_upfront_has_only_the_fee_spread_over_36_months() -> None:
    g = graph(*vpc(), node("db-host", "aws.ec2.instance", "private-a", instance_type="m5.large"))

    result = priced(g, PricingSettings(pricing_model="reserved_3y_all_upfront"))

    # GetProducts 2021-02, offer term NQ3QZPMQV9 (3yr, standard, All Upfront): $949 upfront, $0.000/h.
    name = "Instance hours (m5.large, Linux, reserved 3yr, all upfront)"
    assert recurring(result, "db-host")[name] == 0
    assert upfront(result, "db-host")[name] == round(d(949) / 36, 10)  # 26.36…


def test_a_node_s_own_pricing_model_overrides_the_design_s() -> None:
    g = graph(
        *vpc(),
        node("a", "aws.ec2.instance", "private-a", instance_type="t3.medium", pricing_model="reserved_1y_no_upfront"),
        node("b", "aws.ec2.instance", "private-a", instance_type="t3.medium"),
    )

    result = priced(g)

    # list-prices.json ec2.ri.t3.medium.linux.1yr.standard.no_upfront $0.0261/h (infracost golden); §1 $0.0416
    assert recurring(result, "a")["Instance hours (t3.medium, Linux, reserved 1yr, no upfront)"] == HOURS * d("0.0261")
    assert recurring(result, "b")["Instance hours (t3.medium, Linux, on-demand)"] == HOURS * d("0.0416")


def test_a_reserved_instance_is_billed_for_every_hour_of_the_month_even_when_it_runs_fewer() -> None:
    """No Upfront and Partial Upfront Reserved Instances "are billed for usage on an hourly basis, regardless of
    whether they are being used" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/concepts-on-demand-reserved-instances.html);
    the upfront fee is paid whatever the usage. An instance that runs 200 hours under a reservation still
    costs the whole month's reservation."""
    g = graph(
        *vpc(),
        node("batch", "aws.ec2.instance", "private-a", instance_type="m5.large", usage={"monthly_hours": 200}),
    )

    result = priced(g, PricingSettings(pricing_model="reserved_1y_partial_upfront"))

    name = "Instance hours (m5.large, Linux, reserved 1yr, partial upfront)"
    # 730 h × $0.029 + $252 / 12 (GetProducts 2021-02, 1yr standard Partial Upfront)
    assert recurring(result, "batch")[name] == HOURS * d("0.029")
    assert upfront(result, "batch")[name] == d(252) / 12


def test_a_savings_plan_without_rates_leaves_the_instance_hours_unpriced_and_names_the_missing_rate() -> None:
    g = graph(*vpc(), node("web", "aws.ec2.instance", "private-a", instance_type="t3.medium"))

    result = priced(g, PricingSettings(pricing_model="savings_plan_1y"))

    # No Savings Plans rates are bundled (list-prices.json savingsplans.compute.* are "unknown").
    [(what, reason)] = unpriced(result, "web").items()
    assert what == "Instance hours (t3.medium, Linux, Compute Savings Plan 1yr, no upfront)"
    assert reason.startswith("no Compute Savings Plan 1yr, no upfront rate for AmazonEC2 in us-east-1 (t3.medium")
    # Never a $0 line: only the root volume is priced, and the total leaves the instance hours out.
    assert costs(result, "web") == {"Root volume (gp3)": 20 * d("0.08")}
    assert result.total_monthly == d("1.60")


def test_an_instance_inside_an_auto_scaling_group_is_priced_with_the_group_not_on_its_own() -> None:
    g = graph(
        *vpc(),
        node("asg", "aws.autoscaling.group", "vpc", subnets=BOTH_PRIVATE, instance_types=["t3.medium"]),
        node("member", "aws.ec2.instance", "asg", instance_type="m5.large"),
    )

    result = priced(g)

    assert result.free["member"] == "a member of Auto Scaling group 'asg', which is priced"
    assert costs(result, "member") == {}
    # The group: desired capacity 2 (default) × 730 h × §1 $0.0416, and two 20 GB gp3 root volumes.
    assert costs(result, "asg") == {
        "Instance hours (t3.medium, Linux, on-demand, 2 instances)": 2 * HOURS * d("0.0416"),
        "Root volumes (gp3)": 2 * 20 * d("0.08"),
    }


def test_a_dedicated_host_instance_is_not_priced_and_says_why() -> None:
    g = graph(*vpc(), node("licensed", "aws.ec2.instance", "private-a", tenancy="host"))

    result = priced(g)

    assert unpriced(result, "licensed") == {"licensed": "Dedicated Hosts are billed per host, not per instance"}
    assert costs(result, "licensed") == {}


def test_an_instance_type_without_a_price_is_unpriced_never_zero() -> None:
    # Windows has no bundled price (REFERENCE-PRICES.md §1 lists Linux only).
    g = graph(*vpc(), node("win", "aws.ec2.instance", "private-a", instance_type="t3.medium", os="windows"))

    result = priced(g)

    assert list(unpriced(result, "win")) == ["Instance hours (t3.medium, Windows, on-demand)"]
    assert "Instance hours (t3.medium, Windows, on-demand)" not in costs(result, "win")


# -- Auto Scaling, EKS ----------------------------------------------------------------------------------


def test_a_mixed_instances_group_prices_on_demand_and_an_estimated_spot_share() -> None:
    g = graph(
        *vpc(),
        node(
            "workers",
            "aws.autoscaling.group",
            "vpc",
            subnets=BOTH_PRIVATE,
            instance_types=["t3.medium"],
            min_size=1,
            desired_capacity=4,
            max_size=4,
            on_demand_base_capacity=1,
            on_demand_percentage_above_base=50,
        ),
    )

    result = priced(g)

    # 1 base + 50% of the 3 above it = 2.5 on-demand, 1.5 Spot; Spot = on-demand × (1 − 0.6), the default
    # spot_discount. §1 t3.medium $0.0416; §2 gp3 $0.08 for four 20 GB root volumes.
    assert costs(result, "workers") == {
        "Instance hours (t3.medium, Linux, on-demand, 2.5 instances)": d("2.5") * HOURS * d("0.0416"),  # 75.92
        "Instance hours (t3.medium, Linux, on-demand, Spot, 1.5 instances)": d("1.5")
        * HOURS
        * d("0.0416")
        * (1 - d("0.6")),  # 18.2208
        "Root volumes (gp3)": 4 * 20 * d("0.08"),  # 6.40
    }
    spot = notes(result, "workers")["Instance hours (t3.medium, Linux, on-demand, Spot, 1.5 instances)"]
    assert spot == "estimate: the Price List has no Spot prices; on-demand minus 60%"


def test_the_spot_discount_is_a_design_setting() -> None:
    g = graph(
        *vpc(),
        node(
            "workers",
            "aws.autoscaling.group",
            "vpc",
            subnets=BOTH_PRIVATE,
            instance_types=["t3.medium"],
            on_demand_percentage_above_base=0,
        ),
    )

    result = priced(g, PricingSettings(spot_discount=d("0.7")))

    # desired 2, base 0, 0% on-demand: two Spot instances at §1 $0.0416 × (1 − 0.7)
    assert costs(result, "workers")["Instance hours (t3.medium, Linux, on-demand, Spot, 2 instances)"] == (
        2 * HOURS * d("0.0416") * d("0.3")
    )


def test_an_eks_cluster_costs_its_control_plane_and_its_managed_nodes() -> None:
    g = graph(
        *vpc(), node("k8s", "aws.eks.cluster", "vpc", subnets=BOTH_PRIVATE, instance_type="m5.large", node_count=3)
    )

    # list-prices.json eks.cluster_hour $0.10/h; §1 m5.large $0.096/h; §2 gp3 $0.08 for three 20 GB node volumes
    assert costs(priced(g), "k8s") == {
        "Cluster control plane hours": HOURS * d("0.10"),  # 73.00
        "Instance hours (m5.large, Linux, on-demand, 3 nodes)": 3 * HOURS * d("0.096"),  # 210.24
        "Node volumes (gp3)": 3 * 20 * d("0.08"),  # 4.80
    }


def test_an_eks_cluster_on_fargate_prices_only_the_control_plane_and_says_so() -> None:
    g = graph(*vpc(), node("k8s", "aws.eks.cluster", "vpc", subnets=BOTH_PRIVATE, node_group_type="fargate"))

    result = priced(g)

    assert costs(result, "k8s") == {"Cluster control plane hours": HOURS * d("0.10")}
    assert result.notes["k8s"] == [
        "Fargate pods are priced per pod and are not in the design; only the control plane is priced"
    ]


# -- EBS, NAT, load balancers ---------------------------------------------------------------------------


def test_a_gp3_volume_pays_for_iops_above_3000_and_throughput_above_125_mbps() -> None:
    g = graph(
        *vpc(),
        node("data", "aws.ebs.volume", "private-a", volume_type="gp3", size_gb=100, iops=4000, throughput_mbps=130),
    )

    # §2: 100 GB × $0.08; (4000 − 3000) IOPS × $0.005 = $5.00; (130 − 125) MB/s × $0.04 = $0.20 (the price list's
    # $40.96 per GiBps-month ÷ 1024)
    assert costs(priced(g), "data") == {
        "Storage (gp3)": 100 * d("0.08"),
        "Provisioned IOPS above 3,000 (gp3)": d("5.00"),
        "Throughput above 125 MB/s (gp3)": d("0.20"),
    }


def test_a_gp3_volume_within_its_baseline_pays_only_for_storage() -> None:
    g = graph(*vpc(), node("data", "aws.ebs.volume", "private-a", volume_type="gp3", size_gb=40))

    # §2: 40 GB × $0.08 = $3.20 (infracost-golden ebs_volume_test)
    assert costs(priced(g), "data") == {"Storage (gp3)": d("3.20")}


def test_a_gp2_volume_with_snapshots() -> None:
    g = graph(
        *vpc(),
        node("data", "aws.ebs.volume", "private-a", volume_type="gp2", size_gb=10, usage={"snapshot_storage_gb": 50}),
    )

    # §2 gp2 $0.10 (10 GB = $1.00); list-prices.json ebs.snapshot_gb_month $0.05
    assert costs(priced(g), "data") == {"Storage (gp2)": d("1.00"), "Snapshot storage": 50 * d("0.05")}


def test_a_nat_gateway_costs_its_hours_its_data_and_its_public_ipv4_address() -> None:
    g = graph(*vpc(), node("nat", "aws.vpc.nat_gateway", "public-a", usage={"data_processed_gb": 100}))

    # §5: 730 h × $0.045 = $32.85; 100 GB × $0.045 = $4.50; list-prices.json ec2.public_ipv4_hour 730 × $0.005
    assert costs(priced(g), "nat") == {
        "NAT gateway hours": d("32.85"),
        "Data processed": d("4.50"),
        "Public IPv4 address (Elastic IP)": d("3.65"),
    }


def test_a_private_nat_gateway_has_no_public_address_to_pay_for() -> None:
    g = graph(*vpc(), node("nat", "aws.vpc.nat_gateway", "private-a", connectivity="private"))

    assert costs(priced(g), "nat") == {"NAT gateway hours": d("32.85")}


def test_an_application_load_balancer_costs_its_hours_and_its_busiest_lcu_dimension() -> None:
    usage = {
        "new_connections_per_second": 50,  # 50 / 25 = 2 LCU
        "active_connections_per_minute": 3000,  # 3000 / 3000 = 1 LCU
        "processed_gb_per_hour": 0.5,  # 0.5 LCU
        "rule_evaluations_per_second": 500,  # 500 / 1000 = 0.5 LCU
    }
    g = graph(*vpc(), node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC, usage=usage))

    # load_balancer.py: LCU = the largest dimension = 2. §5: 730 × $0.0225 = $16.425; 0.008 × 730 × 2 = $11.68
    assert costs(priced(g), "alb") == {"Load balancer hours": d("16.425"), "LCU-hours (2 LCU average)": d("11.68")}


def test_a_network_load_balancer_uses_nlcus() -> None:
    usage = {"new_connections_per_second": 1600, "active_connections_per_minute": 100, "processed_gb_per_hour": 1}
    g = graph(*vpc(), node("nlb", "aws.elb.network_load_balancer", "vpc", subnets=BOTH_PUBLIC, usage=usage))

    # NLCU = max(1600 / 800, 100 / 100,000, 1) = 2. list-prices.json nlb.hour $0.0225, nlb.nlcu_hour $0.006
    assert costs(priced(g), "nlb") == {
        "Load balancer hours": HOURS * d("0.0225"),
        "NLCU-hours (2 NLCU average)": 2 * HOURS * d("0.006"),  # 8.76
    }


# -- Databases ------------------------------------------------------------------------------------------


def test_rds_mysql_db_m5_large_single_az_with_20_gb_gp2() -> None:
    g = graph(
        *vpc(),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="mysql",
            instance_class="db.m5.large",
            storage_type="gp2",
            allocated_storage_gb=20,
        ),
    )

    # §3: 730 × $0.171 = $124.83 (infracost-golden db_instance_test); 20 GB × $0.115 = $2.30
    assert costs(priced(g), "db") == {
        "Instance hours (db.m5.large, mysql, Single-AZ, on-demand)": d("124.83"),
        "Storage (gp2)": d("2.30"),
    }


def test_rds_mysql_db_t3_medium_multi_az_pays_the_multi_az_rates() -> None:
    g = graph(
        *vpc(),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="mysql",
            instance_class="db.t3.medium",
            multi_az=True,
            storage_type="gp2",
            allocated_storage_gb=30,
        ),
    )

    # §3: Multi-AZ db.t3.medium MySQL $0.136/h (2 × $0.068); Multi-AZ gp2 $0.23/GB (30 GB = $6.90)
    assert costs(priced(g), "db") == {
        "Instance hours (db.t3.medium, mysql, Multi-AZ, on-demand)": HOURS * d("0.136"),  # 99.28
        "Storage (gp2, Multi-AZ)": d("6.90"),
    }


def test_rds_read_replicas_are_single_az_instances_with_their_own_storage() -> None:
    g = graph(
        *vpc(),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="postgres",
            instance_class="db.t3.medium",
            storage_type="gp2",
            allocated_storage_gb=20,
            read_replicas=2,
            usage={"backup_storage_gb": 10},
        ),
    )

    # §3: db.t3.medium PostgreSQL Single-AZ $0.072/h; gp2 $0.115/GB; list-prices.json rds.backup_gb_month $0.095
    assert costs(priced(g), "db") == {
        "Instance hours (db.t3.medium, postgres, Single-AZ, on-demand)": HOURS * d("0.072"),  # 52.56
        "Storage (gp2)": 20 * d("0.115"),
        "Read replica hours (2 × db.t3.medium, on-demand)": 2 * HOURS * d("0.072"),  # 105.12
        "Read replica storage (gp2)": 2 * 20 * d("0.115"),
        "Backup storage beyond the free allowance": 10 * d("0.095"),
    }


def test_rds_under_a_savings_plan_model_is_priced_on_demand_with_a_note() -> None:
    g = graph(
        *vpc(),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="mysql",
            instance_class="db.m5.large",
            storage_type="gp2",
            allocated_storage_gb=20,
        ),
    )

    result = priced(g, PricingSettings(pricing_model="savings_plan_3y"))

    name = "Instance hours (db.m5.large, mysql, Single-AZ, on-demand)"
    assert costs(result, "db")[name] == d("124.83")  # §3 $0.171 × 730
    assert notes(result, "db")[name] == "Compute Savings Plans do not cover this service; priced on-demand"
    assert result.unpriced == []


def test_rds_reserved_without_bundled_reserved_prices_is_unpriced_with_the_term_named() -> None:
    g = graph(
        *vpc(),
        node("db", "aws.rds.instance", "vpc", subnets=BOTH_PRIVATE, engine="mysql", instance_class="db.m5.large"),
    )

    result = priced(g, PricingSettings(pricing_model="reserved_1y_no_upfront"))

    reasons = unpriced(result, "db")
    assert list(reasons) == ["Instance hours (db.m5.large, mysql, Single-AZ, reserved 1yr, no upfront)"]
    assert "reserved 1yr, no upfront" in next(iter(reasons.values()))


def test_rds_gp3_iops_above_the_included_baseline_are_charged() -> None:
    """The catalog's RDS `iops` field reads "io1/io2, and gp3 above the included baseline". RDS gp3 storage of
    400 GB or more (MySQL, PostgreSQL, MariaDB, Oracle) includes 12,000 IOPS; more is billed per IOPS-month
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage; list-prices.json
    rds.gp3_iops_month $0.02). 15,000 IOPS on 500 GB must show 3,000 IOPS-months, priced or listed unpriced."""
    g = graph(
        *vpc(),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="mysql",
            instance_class="db.m5.large",
            storage_type="gp3",
            allocated_storage_gb=500,
            iops=15000,
        ),
    )

    iops = [c for c in charges(g, "db") if c.unit == "IOPS-month"]

    assert [c.quantity for c in iops] == [d(15000 - 12000)]


def test_aurora_serverless_v2_costs_acu_hours_storage_and_io() -> None:
    g = graph(
        *vpc(),
        node(
            "aurora",
            "aws.rds.aurora_cluster",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="aurora-mysql",
            capacity_mode="serverless_v2",
            instance_class="db.serverless",
            usage={"average_acus": 4, "storage_gb": 200, "monthly_io_millions": 25, "backup_storage_gb": 50},
        ),
    )

    # §3 Aurora: 4 ACU × 730 h × $0.12 = $350.40; list-prices.json aurora.storage_gb_month $0.10,
    # aurora.io_million $0.20 per million, aurora.backup_gb_month $0.021
    assert costs(priced(g), "aurora") == {
        "Serverless v2 capacity (4 ACU average)": 4 * HOURS * d("0.12"),
        "Storage": 200 * d("0.10"),  # 20.00
        "I/O requests": 25 * d("0.20"),  # 5.00
        "Backup storage beyond the free allowance": 50 * d("0.021"),  # 1.05
    }


def test_aurora_io_optimized_is_unpriced_because_no_rate_is_sourced() -> None:
    g = graph(
        *vpc(),
        node(
            "aurora",
            "aws.rds.aurora_cluster",
            "vpc",
            subnets=BOTH_PRIVATE,
            capacity_mode="serverless_v2",
            instance_class="db.serverless",
            storage_config="io-optimized",
        ),
    )

    result = priced(g)

    # §3 Aurora: "Aurora Serverless v2, I/O-Optimized: unknown". No I/O line: I/O-Optimized includes I/O.
    assert set(unpriced(result, "aurora")) == {"Serverless v2 capacity (2 ACU average)", "Storage"}
    assert costs(result, "aurora") == {}


def test_dynamodb_on_demand_request_units_and_storage_beyond_the_free_25_gb() -> None:
    g = graph(
        node(
            "orders",
            "aws.dynamodb.table",
            usage={
                "monthly_read_request_units": 8_000_000,
                "monthly_write_request_units": 3_000_000,
                "storage_gb": 100,
            },
        )
    )

    # §6: 8M RRU × $0.125/M = $1.00; 3M WRU × $0.625/M = $1.875; (100 − 25 free) GB × $0.25 = $18.75
    assert costs(priced(g), "orders") == {
        "Read request units": d("1.00"),
        "Write request units": d("1.875"),
        "Storage": d("18.75"),
    }


def test_dynamodb_storage_within_the_free_25_gb_costs_nothing() -> None:
    g = graph(node("orders", "aws.dynamodb.table", usage={"storage_gb": 25}))

    assert costs(priced(g), "orders")["Storage"] == 0


def test_dynamodb_provisioned_capacity_is_charged_per_capacity_unit_hour() -> None:
    g = graph(node("orders", "aws.dynamodb.table", billing_mode="PROVISIONED", read_capacity=30, write_capacity=20))

    # §6 (extra): 30 RCU × 730 × $0.00013 = $2.847 ($2.85); 20 WCU × 730 × $0.00065 = $9.49; 1 GB is free
    assert costs(priced(g), "orders") == {
        "Read capacity (30 RCU)": d("2.847"),
        "Write capacity (20 WCU)": d("9.49"),
        "Storage": 0,
    }


def test_an_infrequent_access_dynamodb_table_is_not_priced_and_says_why() -> None:
    g = graph(node("archive", "aws.dynamodb.table", table_class="STANDARD_INFREQUENT_ACCESS"))

    assert unpriced(priced(g), "archive") == {"archive": "the Standard-Infrequent Access table class is not priced yet"}


def test_elasticache_redis_cache_t3_medium_costs_each_node() -> None:
    g = graph(
        *vpc(),
        node(
            "cache",
            "aws.elasticache.cluster",
            "vpc",
            subnets=BOTH_PRIVATE,
            engine="redis",
            node_type="cache.t3.medium",
            nodes=1,
            replicas=1,
        ),
    )

    # §6: cache.t3.medium Redis $0.068/h; one shard with one replica = 2 nodes
    assert costs(priced(g), "cache") == {
        "Node hours (2 × cache.t3.medium, Redis, on-demand)": 2 * HOURS * d("0.068")  # 99.28
    }


# -- Storage, serverless, containers --------------------------------------------------------------------


def test_s3_standard_10000_gb_with_requests() -> None:
    g = graph(
        node(
            "bucket",
            "aws.s3.bucket",
            usage={"storage_gb": 10_000, "monthly_put_requests": 1_000_000, "monthly_get_requests": 10_000_000},
        )
    )

    # §4: 10,000 GB × $0.023 = $230.00; 1,000 × $0.005 per 1k PUT = $5.00; 10,000 × $0.0004 per 1k GET = $4.00
    assert costs(priced(g), "bucket") == {
        "Storage (STANDARD)": d("230.00"),
        "PUT, COPY, POST, LIST requests": d("5.00"),
        "GET and other requests": d("4.00"),
    }


def test_s3_standard_beyond_the_sourced_first_50_tb_is_unpriced_never_zero() -> None:
    g = graph(node("lake", "aws.s3.bucket", usage={"storage_gb": 60_000}))

    result = priced(g)

    # §4 sources only the first 50 TB (51,200 GB) tier of S3 Standard.
    assert unpriced(result, "lake")["Storage (STANDARD)"].startswith(
        "60000 GB-Mo is beyond the highest price tier known (51200)"
    )
    assert "Storage (STANDARD)" not in costs(result, "lake")


def test_s3_storage_classes_use_their_own_prices() -> None:
    g = graph(
        node("ia", "aws.s3.bucket", storage_class="STANDARD_IA", usage={"storage_gb": 30_000}),
        node("deep", "aws.s3.bucket", storage_class="DEEP_ARCHIVE", usage={"storage_gb": 60_000}),
        node("flexible", "aws.s3.bucket", storage_class="GLACIER", usage={"storage_gb": 50_000}),
    )

    result = priced(g)

    # §4 (infracost-golden s3_bucket_test): IA 30,000 GB = $375.00; Deep Archive 60,000 GB = $59.40;
    # Glacier Flexible Retrieval 50,000 GB = $180.00
    assert costs(result, "ia")["Storage (STANDARD_IA)"] == d("375.00")
    assert costs(result, "deep")["Storage (DEEP_ARCHIVE)"] == d("59.40")
    assert costs(result, "flexible")["Storage (GLACIER)"] == d("180.00")


def test_an_s3_lifecycle_rule_prices_the_rarely_read_share_in_its_class_and_says_what_is_left_out() -> None:
    rule = {"prefix": "", "transition_days": 30, "transition_class": "STANDARD_IA", "expiration_days": 0}
    g = graph(
        node("logs", "aws.s3.bucket", lifecycle_rules=[rule], usage={"storage_gb": 1000, "rarely_read_percent": 60}),
        node("some", "aws.s3.bucket", lifecycle_rules=[{**rule, "prefix": "tmp/"}], usage={"storage_gb": 1000}),
    )

    result = priced(g)

    # §4: 400 GB x $0.023 stays Standard, 600 GB x $0.0125 is Standard-IA; a rule for a prefix moves nothing.
    assert costs(result, "logs")["Storage (STANDARD)"] == d("9.20")
    assert costs(result, "logs")["Storage (STANDARD_IA)"] == d("7.50")
    assert "retrieval fees are not included" in result.notes["logs"][0]
    assert "Storage (STANDARD_IA)" not in costs(result, "some")


def test_s3_data_transfer_out_is_tiered_internet_egress() -> None:
    g = graph(
        node(
            "site",
            "aws.s3.bucket",
            usage={
                "storage_gb": 0,
                "monthly_put_requests": 0,
                "monthly_get_requests": 0,
                "data_transfer_out_gb": 20_000,
            },
        )
    )

    # §5: 10,240 GB × $0.09 + 9,760 GB × $0.085 = $921.60 + $829.60
    assert costs(priced(g), "site") == {
        "Storage (STANDARD)": 0,
        "Data transfer out to the internet": d("921.60") + d("829.60"),
    }


def test_lambda_x86_1m_requests_of_200_ms_at_512_mb() -> None:
    g = graph(
        node(
            "fn",
            "aws.lambda.function",
            architecture="x86_64",
            memory_mb=512,
            usage={"monthly_requests": 1_000_000, "average_duration_ms": 200},
        )
    )

    # 1M × 0.2 s × 0.5 GB = 100,000 GB-s. §6: 1M × $0.20/M = $0.20; 100,000 × $0.0000166667 = $1.66667
    assert costs(priced(g), "fn") == {"Requests (x86)": d("0.20"), "Duration (x86, 512 MB)": d("1.66667")}


def test_lambda_arm_1m_requests_of_200_ms_at_512_mb() -> None:
    g = graph(
        node(
            "fn",
            "aws.lambda.function",
            architecture="arm64",
            memory_mb=512,
            usage={"monthly_requests": 1_000_000, "average_duration_ms": 200},
        )
    )

    # §6: requests $0.20/M (x86 and Arm alike); 100,000 GB-s × $0.0000133334 = $1.33334
    assert costs(priced(g), "fn") == {"Requests (Arm)": d("0.20"), "Duration (Arm, 512 MB)": d("1.33334")}


def test_lambda_duration_beyond_6_billion_gb_seconds_moves_to_the_next_tier() -> None:
    # 7 billion requests of 1 s at 1,024 MB = 7,000,000,000 GB-s
    g = graph(
        node(
            "fn",
            "aws.lambda.function",
            architecture="x86_64",
            memory_mb=1024,
            usage={"monthly_requests": 7_000_000_000, "average_duration_ms": 1000},
        )
    )

    # §6 (extra): 6e9 × $0.0000166667 + 1e9 × $0.000015 = $100,000.20 + $15,000.00; requests 7,000 × $0.20
    assert costs(priced(g), "fn") == {
        "Requests (x86)": d("1400.00"),
        "Duration (x86, 1024 MB)": d("100000.20") + d("15000.00"),
    }


def test_fargate_x86_one_task_of_1_vcpu_and_2_gb() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node(
            "svc",
            "aws.ecs.service",
            "cluster",
            subnets=BOTH_PRIVATE,
            cpu=1024,
            memory_mib=2048,
            desired_count=1,
            architecture="x86_64",
        ),
    )

    # §6: 730 × $0.04048 = $29.5504 ($29.55); 2 GB × 730 × $0.004445 = $6.4897 ($6.49)
    assert costs(priced(g), "svc") == {
        "vCPU-hours (1 tasks × 1 vCPU, x86, on-demand)": d("29.5504"),
        "GB-hours (1 tasks × 2 GB, x86, on-demand)": d("6.4897"),
    }


def test_fargate_arm_two_tasks_of_half_a_vcpu_and_1_gb() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node(
            "svc",
            "aws.ecs.service",
            "cluster",
            subnets=BOTH_PRIVATE,
            cpu=512,
            memory_mib=1024,
            desired_count=2,
            architecture="arm64",
        ),
    )

    # §6: 2 × 0.5 vCPU × 730 × $0.03238 = $23.6374; 2 × 1 GB × 730 × $0.00356 = $5.1976
    assert costs(priced(g), "svc") == {
        "vCPU-hours (2 tasks × 0.5 vCPU, Arm, on-demand)": d("23.6374"),
        "GB-hours (2 tasks × 1 GB, Arm, on-demand)": d("5.1976"),
    }


def test_fargate_under_a_reserved_model_is_priced_on_demand_with_a_note() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node(
            "svc",
            "aws.ecs.service",
            "cluster",
            subnets=BOTH_PRIVATE,
            cpu=1024,
            memory_mib=2048,
            desired_count=1,
            architecture="x86_64",
        ),
    )

    result = priced(g, PricingSettings(pricing_model="reserved_1y_partial_upfront"))

    assert costs(result, "svc")["vCPU-hours (1 tasks × 1 vCPU, x86, on-demand)"] == d("29.5504")
    assert set(notes(result, "svc").values()) == {"reserved pricing does not apply here; priced on-demand"}


def test_fargate_under_a_savings_plan_without_rates_is_unpriced() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node("svc", "aws.ecs.service", "cluster", subnets=BOTH_PRIVATE),
    )

    result = priced(g, PricingSettings(pricing_model="savings_plan_1y"))

    assert costs(result, "svc") == {}
    assert all(
        r.startswith("no Compute Savings Plan 1yr, no upfront rate for AmazonECS")
        for r in unpriced(result, "svc").values()
    )
    assert len(unpriced(result, "svc")) == 2


def test_an_ecs_service_on_ec2_is_free_because_its_instances_are_priced_where_they_are_drawn() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node("svc", "aws.ecs.service", "cluster", subnets=BOTH_PRIVATE, launch_type="EC2"),
    )

    result = priced(g)

    assert result.free["svc"] == "EC2 launch type: its container instances are priced where they are drawn"
    assert costs(result, "svc") == {}


# -- Charges only: what each estimator asks to be priced, without a price book --------------------------


def test_the_auto_scaling_group_splits_desired_capacity_into_on_demand_and_spot_charges() -> None:
    g = graph(
        *vpc(),
        node(
            "workers",
            "aws.autoscaling.group",
            "vpc",
            subnets=BOTH_PRIVATE,
            instance_types=["c6i.xlarge"],
            min_size=1,
            desired_capacity=5,
            max_size=6,
            on_demand_base_capacity=2,
            on_demand_percentage_above_base=0,
        ),
    )

    on_demand, spot, volumes = charges(g, "workers")

    assert (on_demand.quantity, on_demand.factor, on_demand.query.instance_type) == (2 * HOURS, d(1), "c6i.xlarge")
    assert (spot.quantity, spot.factor, spot.term.kind) == (3 * HOURS, 1 - d("0.6"), "OnDemand")
    assert spot.note.startswith("estimate:")
    assert (volumes.quantity, volumes.query.usage) == (d(5 * 20), "EBS:VolumeUsage.gp3")


def test_a_group_with_desired_capacity_zero_is_free() -> None:
    g = graph(
        *vpc(), node("idle", "aws.autoscaling.group", "vpc", subnets=BOTH_PRIVATE, min_size=0, desired_capacity=0)
    )

    assert priced(g).free["idle"] == "desired capacity is 0"


def test_lambda_charges_requests_and_gb_seconds_in_the_architecture_s_usage_types() -> None:
    g = graph(
        node(
            "fn",
            "aws.lambda.function",
            architecture="arm64",
            memory_mb=2048,
            usage={"monthly_requests": 3_000_000, "average_duration_ms": 50},
        )
    )

    requests, duration = charges(g, "fn")

    assert (requests.quantity, requests.query.usage) == (d(3_000_000), "Request-ARM")
    # 3M × 0.05 s × 2 GB = 300,000 GB-s
    assert (duration.quantity, duration.query.usage) == (d(300_000), "Lambda-GB-Second-ARM")


def test_a_part_time_instance_is_charged_for_its_own_hours_capped_at_the_month() -> None:
    g = graph(
        *vpc(),
        node("dev", "aws.ec2.instance", "private-a", count=3, usage={"monthly_hours": 160}),
        node("always", "aws.ec2.instance", "private-a", usage={"monthly_hours": 744}),
    )

    assert charges(g, "dev")[0].quantity == 3 * 160
    assert charges(g, "always")[0].quantity == HOURS  # 744 is more than the design's 730-hour month


def test_the_ec2_instance_query_pins_every_attribute_that_multiplies_skus() -> None:
    g = graph(
        *vpc(), node("web", "aws.ec2.instance", "private-a", instance_type="m6i.large", os="rhel", tenancy="dedicated")
    )

    q = charges(g, "web")[0].query

    assert (q.service, q.region, q.instance_type) == ("AmazonEC2", "us-east-1", "m6i.large")
    assert dict(q.attrs) == {
        "operatingSystem": "RHEL",
        "tenancy": "Dedicated",
        "preInstalledSw": "NA",
        "licenseModel": "No License required",
    }


def test_memcached_clusters_have_no_replicas_but_redis_shards_do() -> None:
    common: dict[str, Any] = {"subnets": BOTH_PRIVATE, "nodes": 3, "replicas": 2}
    g = graph(
        *vpc(),
        node("memcached", "aws.elasticache.cluster", "vpc", engine="memcached", **common),
        node("redis", "aws.elasticache.cluster", "vpc", engine="redis", **common),
    )

    assert charges(g, "memcached")[0].quantity == 3 * HOURS
    assert charges(g, "redis")[0].quantity == 3 * (1 + 2) * HOURS


def test_an_efs_file_system_splits_storage_between_standard_and_infrequent_access() -> None:
    g = graph(
        *vpc(),
        node(
            "files",
            "aws.efs.file_system",
            "vpc",
            subnets=BOTH_PRIVATE,
            usage={"storage_gb": 400, "infrequent_access_percent": 25},
        ),
    )

    result = priced(g)

    # list-prices.json efs.standard_gb_month $0.30, efs.ia_gb_month $0.025
    assert costs(result, "files") == {
        "Standard storage": 300 * d("0.30"),  # 90.00
        "Infrequent Access storage": 100 * d("0.025"),  # 2.50
    }


def test_an_interface_endpoint_is_charged_per_az_hour() -> None:
    g = graph(
        *vpc(), node("ep", "aws.vpc.interface_endpoint", "vpc", subnets=BOTH_PRIVATE, usage={"data_processed_gb": 50})
    )

    # list-prices.json vpc.interface_endpoint_hour $0.01 per AZ-hour, vpc.interface_endpoint_gb $0.01
    assert costs(priced(g), "ep") == {"Endpoint hours (2 AZs)": 2 * HOURS * d("0.01"), "Data processed": d("0.50")}


def test_a_resolver_endpoint_pays_for_each_ip_address_by_the_hour_and_names_its_queries_unpriced() -> None:
    g = graph(
        *vpc(),
        node("three", "aws.route53resolver.endpoint", "vpc", subnets=[*BOTH_PRIVATE, "public-a"]),
        node("lone", "aws.route53resolver.endpoint", "private-a", direction="OUTBOUND", usage={"monthly_hours": 100}),
    )

    result = priced(g)

    # list-prices.json route53.resolver_eni_hour $0.125 per ENI-hour: one ENI per subnet, two at least (the lone
    # subnet holds both); the queries through an endpoint have no bundled price.
    assert costs(result, "three") == {"IP address (ENI) hours (3 ENIs)": 3 * HOURS * d("0.125")}  # 273.75
    assert costs(result, "lone") == {"IP address (ENI) hours (2 ENIs)": 2 * 100 * d("0.125")}  # 25.00
    assert unpriced(result, "three") == {
        "DNS queries through the endpoint": "no price for AmazonRoute53 in global (DNS-Queries, regionCode=us-east-1)"
    }


def test_a_resolver_endpoint_is_priced_in_its_own_region_only() -> None:
    g = graph(*vpc("eu-west-1"), node("dns", "aws.route53resolver.endpoint", "vpc", subnets=BOTH_PRIVATE))

    result = priced(g)

    # The snapshot has us-east-1's ENI-hour only: eu-west-1's is not taken for it.
    assert costs(result, "dns") == {}
    assert unpriced(result, "dns")["IP address (ENI) hours (2 ENIs)"] == (
        "no price for AmazonRoute53 in global (ResolverNetworkInterface, regionCode=eu-west-1)"
    )


def test_a_transit_gateway_pays_for_each_attachment() -> None:
    g = graph(
        *vpc(),
        node("tgw", "aws.ec2.transit_gateway", "region", usage={"data_processed_gb": 500}),
        node("vpn", "aws.vpc.vpn_connection", "region"),
        edges=[edge("e1", "tgw", "vpc"), edge("e2", "vpn", "tgw")],
    )

    # list-prices.json tgw.attachment_hour $0.05, tgw.data_gb $0.02: two attachments (the VPC and the VPN)
    assert costs(priced(g), "tgw") == {
        "Attachment hours (2 attachments)": 2 * HOURS * d("0.05"),  # 73.00
        "Data processed": 500 * d("0.02"),  # 10.00
    }


def test_direct_connect_hosted_and_dedicated_ports_have_their_own_rates() -> None:
    g = graph(
        node("dedicated", "aws.directconnect.connection", bandwidth="10Gbps", usage={"data_transfer_out_gb": 0}),
        node(
            "hosted",
            "aws.directconnect.connection",
            connection_type="hosted",
            bandwidth="500Mbps",
            usage={"data_transfer_out_gb": 0},
        ),
    )

    result = priced(g)

    # list-prices.json dx.port_hour_10g $2.25, dx.hosted_port_hour_500mbps $0.20
    assert costs(result, "dedicated")["Port hours (10Gbps dedicated)"] == HOURS * d("2.25")  # 1642.50
    assert costs(result, "hosted")["Port hours (500Mbps hosted)"] == HOURS * d("0.20")  # 146.00


def test_integration_services_are_priced_per_request() -> None:
    g = graph(
        node("rest", "aws.apigateway.api", api_type="REST", usage={"monthly_requests": 2_000_000}),
        node("fifo", "aws.sqs.queue", queue_type="fifo", usage={"monthly_requests": 4_000_000}),
        node(
            "topic",
            "aws.sns.topic",
            usage={
                "monthly_publishes": 2_000_000,
                "monthly_http_deliveries": 1_000_000,
                "monthly_email_deliveries": 50_000,
            },
        ),
        node(
            "express",
            "aws.stepfunctions.state_machine",
            workflow_type="EXPRESS",
            usage={"monthly_executions": 1_000_000, "average_duration_ms": 2000, "memory_mb": 128},
        ),
    )

    result = priced(g)

    # list-prices.json: apigw.rest_requests_million $3.50, sqs.fifo_requests_million $0.50,
    # sns.publish_million $0.50, sns.http_deliveries_million $0.60, sns.email_deliveries_100k $2.00,
    # sfn.express_requests_million $1.00, sfn.express_gb_second $0.00001667
    assert costs(result, "rest") == {"REST API requests": 2 * d("3.50")}
    assert costs(result, "fifo") == {"Requests (FIFO)": 4 * d("0.50")}
    assert costs(result, "topic") == {
        "Publishes": 2 * d("0.50"),
        "HTTP/S deliveries": d("0.60"),
        "Email deliveries": d("0.5") * d("2.00"),
    }
    # 1M executions × 2 s × 0.125 GB = 250,000 GB-s
    assert costs(result, "express") == {"Express requests": d("1.00"), "Express duration": 250_000 * d("0.00001667")}


def test_security_and_operations_services() -> None:
    g = graph(
        node("key", "aws.kms.key", usage={"monthly_requests": 100_000}),
        node("secret", "aws.secretsmanager.secret", usage={"monthly_api_calls": 20_000}),
        node("logs", "aws.cloudwatch.log_group", usage={"ingested_gb": 40, "stored_gb": 100}),
    )

    result = priced(g)

    # list-prices.json kms.key_month $1.00, kms.requests_10k $0.03, secretsmanager.secret_month $0.40,
    # secretsmanager.api_calls_10k $0.05, logs.ingest_gb $0.50, logs.storage_gb_month $0.03
    assert costs(result, "key") == {"Key": d("1.00"), "Requests": 10 * d("0.03")}
    assert costs(result, "secret") == {"Secret": d("0.40"), "API calls": 2 * d("0.05")}
    assert costs(result, "logs") == {"Logs ingested": 40 * d("0.50"), "Logs stored": 100 * d("0.03")}


def test_cloudfront_and_route53_are_priced_from_the_worldwide_offers() -> None:
    g = graph(
        node("cdn", "aws.cloudfront.distribution", usage={"data_transfer_out_gb": 10_240, "https_requests": 5_000_000}),
        node("zone", "aws.route53.hosted_zone", usage={"monthly_queries": 10_000_000}),
    )

    result = priced(g)

    # §5: CloudFront US edge 10,240 GB = $870.40; list-prices.json cloudfront.https_requests_10k $0.01,
    # route53.hosted_zone_month $0.50, route53.queries_million $0.40
    assert costs(result, "cdn") == {
        "Data transfer out to viewers (United States edge)": d("870.40"),
        "HTTPS requests": 500 * d("0.01"),
    }
    assert costs(result, "zone") == {"Hosted zone": d("0.50"), "Standard queries": 10 * d("0.40")}
    assert result.price_data["AmazonCloudFront global"] == "2026-11-26T00:00:00Z"


def test_the_dms_instance_is_priced_but_its_single_az_storage_has_no_sourced_price() -> None:
    g = graph(
        *vpc(), node("dms", "aws.dms.replication_instance", "vpc", subnets=BOTH_PRIVATE, instance_class="dms.t2.micro")
    )

    result = priced(g)

    # list-prices.json dms.t2_micro_hour $0.018; dms.storage_gb_month is "unknown"
    assert costs(result, "dms") == {"Replication instance hours (dms.t2.micro, Single-AZ)": HOURS * d("0.018")}
    assert unpriced(result, "dms") == {"Storage": "no price for AWSDatabaseMigrationSvc in us-east-1 (StorageUsage)"}
