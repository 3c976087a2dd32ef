"""Price arithmetic in designer.pricing.book: tiers, SKU collisions, reserved terms and Savings Plans.

Tier prices are the data-transfer-out figures of REFERENCE-PRICES.md §5 (us-east-1: first 10 TB $0.09, next
40 TB $0.085, next 100 TB $0.07, over 150 TB $0.05; infracost-golden data_transfer_test). Figures not taken from
REFERENCE-PRICES.md are marked as made up: they only exercise the arithmetic.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from designer.pricing.book import MemoryPriceSource, NoPrice, Term, price, query, tiered_cost
from designer.pricing.records import PriceRecord
from tests.pricing.price_books import book, bundled_prices, record  # noqa: F401  (bundled_prices is a fixture)

DTO = query(
    "AWSDataTransfer", "us-east-1", family="Data Transfer", usage="DataTransfer-Out-Bytes", transferType="AWS Outbound"
)


def dto_tiers() -> list[PriceRecord]:
    """The four data-transfer-out tiers, deliberately out of order (offer files do not order them)."""
    attrs = {"transferType": "AWS Outbound"}
    return [
        record("0.07", begin="51200", end="153600", attributes=attrs),
        record("0.09", begin="0", end="10240", attributes=attrs),
        record("0.05", begin="153600", end=None, attributes=attrs),
        record("0.085", begin="10240", end="51200", attributes=attrs),
    ]


def test_60000_gb_out_is_priced_tier_by_tier() -> None:
    cost, parts = tiered_cost(dto_tiers(), Decimal(60000))

    # REFERENCE-PRICES.md §5: 10,240 GB at $0.09, the next 40,960 GB at $0.085, the remaining 8,800 GB at $0.07.
    assert parts == (
        (Decimal(10240), Decimal("0.09"), Decimal(10240) * Decimal("0.09")),
        (Decimal(40960), Decimal("0.085"), Decimal(40960) * Decimal("0.085")),
        (Decimal(8800), Decimal("0.07"), Decimal(8800) * Decimal("0.07")),
    )
    assert cost == Decimal("921.60") + Decimal("3481.60") + Decimal("616.00") == Decimal("5019.20")


def test_a_quantity_in_the_open_top_tier_pays_every_tier_below_it() -> None:
    cost, parts = tiered_cost(dto_tiers(), Decimal(200000))

    # 10,240 × 0.09 + 40,960 × 0.085 + 102,400 × 0.07 + (200,000 − 153,600) × 0.05
    assert [p[0] for p in parts] == [Decimal(10240), Decimal(40960), Decimal(102400), Decimal(46400)]
    assert cost == Decimal("921.60") + Decimal("3481.60") + Decimal("7168.00") + Decimal("2320.00")


def test_a_quantity_inside_the_first_tier_pays_only_the_first_price() -> None:
    cost, parts = tiered_cost(dto_tiers(), Decimal(500))

    assert cost == Decimal(500) * Decimal("0.09") == Decimal("45.00")
    assert parts == ((Decimal(500), Decimal("0.09"), Decimal("45.00")),)


def test_a_quantity_exactly_at_a_tier_boundary_stays_in_the_lower_tier() -> None:
    cost, parts = tiered_cost(dto_tiers(), Decimal(10240))

    assert cost == Decimal("921.60")
    assert len(parts) == 1


def test_a_quantity_of_zero_costs_nothing() -> None:
    assert tiered_cost(dto_tiers(), Decimal(0)) == (Decimal(0), ())
    assert price(book(dto_tiers()), DTO, Decimal(0)).monthly_cost == 0


def test_a_quantity_beyond_the_highest_known_tier_is_refused_not_priced_at_zero() -> None:
    # Only S3 Standard's first 50 TB (0–51,200 GB) is sourced (REFERENCE-PRICES.md §4: $0.023).
    first_tier_only = [
        record("0.023", end="51200", unit="GB-Mo", service="AmazonS3", family="Storage", usage="TimedStorage-ByteHrs")
    ]

    with pytest.raises(NoPrice, match=r"60000 GB-Mo is beyond the highest price tier known \(51200\)"):
        tiered_cost(first_tier_only, Decimal(60000))
    assert tiered_cost(first_tier_only, Decimal(51200))[0] == Decimal(51200) * Decimal("0.023")


def test_price_reports_the_tiers_and_the_average_unit_price() -> None:
    result = price(book(dto_tiers()), DTO, Decimal(60000))

    assert result.monthly_cost == Decimal("5019.20")
    assert result.unit_price == Decimal("5019.20") / Decimal(60000)
    assert len(result.tiers) == 3
    assert result.sku == "SKU1"


def test_the_bundled_data_transfer_tiers_give_the_same_60000_gb_total(
    bundled_prices: MemoryPriceSource,  # noqa: F811  (the fixture imported above)
) -> None:
    # data/aws-facts facts dto.tier1_gb … dto.tier4_gb (us-east-1), read through read_offer().
    assert price(bundled_prices, DTO, Decimal(60000)).monthly_cost == Decimal("5019.20")


def test_a_query_that_matches_nothing_raises_no_price_naming_the_query() -> None:
    with pytest.raises(NoPrice, match=r"no price for AWSDataTransfer in us-east-1 \(Data Transfer, Nope"):
        price(
            book(dto_tiers()), query("AWSDataTransfer", "us-east-1", family="Data Transfer", usage="Nope"), Decimal(1)
        )


class TestSeveralSkusMatchingOneQuery:
    """FORMAT.md pitfall 1: an under-pinned query can match several SKUs, including $0 Dedicated Host rows."""

    def source(self, *prices: str) -> MemoryPriceSource:
        return book(
            [
                record(
                    p,
                    sku=f"SKU{i}",
                    unit="Hrs",
                    service="AmazonEC2",
                    family="Compute Instance",
                    usage="BoxUsage:m5.large",
                )
                for i, p in enumerate(prices)
            ],
            service="AmazonEC2",
        )

    def test_the_highest_non_zero_price_is_taken(self) -> None:
        q = query("AmazonEC2", "us-east-1", usage="BoxUsage:m5.large")

        # 0.096: REFERENCE-PRICES.md §1 m5.large; 0.0 and 0.05 are made-up look-alike SKUs.
        result = price(self.source("0.0", "0.096", "0.05"), q, Decimal(730))

        assert result.sku == "SKU1"
        assert result.monthly_cost == Decimal(730) * Decimal("0.096") == Decimal("70.08")

    def test_a_zero_price_sku_never_wins_over_a_real_one(self) -> None:
        q = query("AmazonEC2", "us-east-1", usage="BoxUsage:m5.large")

        assert price(self.source("0.096", "0.0"), q, Decimal(730)).monthly_cost == Decimal("70.08")
        assert price(self.source("0.0", "0.096"), q, Decimal(730)).monthly_cost == Decimal("70.08")


class TestReservedTerms:
    """m5.large us-east-1 reserved terms, standard class, verbatim from the GetProducts answer of 2021-02
    (/work/shared/pricing/fixtures/getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json):
    1yr Partial Upfront = $252 upfront + $0.029/h; 3yr Partial Upfront = $505 + $0.019/h;
    1yr All Upfront = $494 + $0.000/h; on-demand $0.096/h (REFERENCE-PRICES.md §1)."""

    SKU = "6C86BEPQVG73ZGGR"

    def source(self) -> MemoryPriceSource:
        common: dict[str, Any] = {
            "sku": self.SKU,
            "service": "AmazonEC2",
            "family": "Compute Instance",
            "usage": "BoxUsage:m5.large",
        }
        ri: dict[str, Any] = {**common, "term_type": "Reserved", "offering_class": "standard"}
        return book(
            [
                record("0.096", unit="Hrs", **common),
                record("252", unit="Quantity", lease_length="1yr", purchase_option="Partial Upfront", **ri),
                record("0.029", unit="Hrs", lease_length="1yr", purchase_option="Partial Upfront", **ri),
                record("505", unit="Quantity", lease_length="3yr", purchase_option="Partial Upfront", **ri),
                record("0.019", unit="Hrs", lease_length="3yr", purchase_option="Partial Upfront", **ri),
                record("0.0", unit="Hrs", lease_length="1yr", purchase_option="All Upfront", **ri),
                record("494", unit="Quantity", lease_length="1yr", purchase_option="All Upfront", **ri),
            ],
            service="AmazonEC2",
        )

    q = query("AmazonEC2", "us-east-1", usage="BoxUsage:m5.large")

    def test_partial_upfront_1yr_reports_the_hourly_part_and_the_upfront_fee_over_12_months_apart(self) -> None:
        result = price(self.source(), self.q, Decimal(730), Term("Reserved", "1yr", "Partial Upfront"))

        assert result.monthly_cost == Decimal(730) * Decimal("0.029") == Decimal("21.17")
        assert result.unit_price == Decimal("0.029")
        # $252 / (12 × 1 year) = $21.00 a month
        assert round(result.upfront, 10) == Decimal(252) / 12 == Decimal("21")

    def test_partial_upfront_3yr_spreads_the_fee_over_36_months(self) -> None:
        result = price(self.source(), self.q, Decimal(730), Term("Reserved", "3yr", "Partial Upfront"))

        assert result.monthly_cost == Decimal(730) * Decimal("0.019") == Decimal("13.87")
        # $505 / (12 × 3 years) = $14.0277… a month
        assert round(result.upfront, 10) == round(Decimal(505) / 36, 10)

    def test_all_upfront_has_no_hourly_part_only_the_fee(self) -> None:
        result = price(self.source(), self.q, Decimal(730), Term("Reserved", "1yr", "All Upfront"))

        assert result.monthly_cost == 0
        assert round(result.upfront, 10) == round(Decimal(494) / 12, 10)

    def test_two_instances_a_month_pay_two_upfront_shares(self) -> None:
        result = price(self.source(), self.q, Decimal(2 * 730), Term("Reserved", "1yr", "Partial Upfront"))

        assert result.monthly_cost == 2 * Decimal("21.17")
        assert round(result.upfront, 10) == 2 * Decimal(252) / 12

    def test_a_term_the_price_list_does_not_offer_is_refused(self) -> None:
        with pytest.raises(NoPrice, match="1yr, no upfront"):
            price(self.source(), self.q, Decimal(730), Term("Reserved", "1yr", "No Upfront"))


class TestSavingsPlans:
    """Compute Savings Plans rates name the on-demand SKU they discount (FORMAT.md 1.6). No sourced rate
    exists (REFERENCE-PRICES.md has none; list-prices.json savingsplans.* are "unknown"), so these rates are
    made up: the tests check which rate is used and the arithmetic."""

    def source(self) -> MemoryPriceSource:
        common: dict[str, Any] = {"service": "AmazonEC2", "family": "Compute Instance", "usage": "BoxUsage:m5.large"}
        plan: dict[str, Any] = {
            "service": "AmazonEC2",
            "family": "ComputeSavingsPlans",
            "usage": "BoxUsage:m5.large",
            "unit": "Hrs",
            "term_type": "SavingsPlan",
            "purchase_option": "No Upfront",
        }
        source = MemoryPriceSource()
        source.add(
            "AmazonEC2",
            "us-east-1",
            [
                record("0.096", sku="ONDEMAND", unit="Hrs", **common),
                record("0.102", sku="OTHER", unit="Hrs", **{**common, "usage": "BoxUsage:m5.xlarge"}),
            ],
        )
        source.add(
            "AWSComputeSavingsPlan",
            "us-east-1",
            [
                record("0.068", sku="PLAN1Y", discounted_sku="ONDEMAND", lease_length="1yr", **plan),
                record("0.047", sku="PLAN3Y", discounted_sku="ONDEMAND", lease_length="3yr", **plan),
            ],
        )
        return source

    def test_the_plan_rate_for_the_on_demand_sku_and_lease_is_used(self) -> None:
        source = self.source()
        q = query("AmazonEC2", "us-east-1", usage="BoxUsage:m5.large")

        one = price(source, q, Decimal(730), Term("SavingsPlan", "1yr", "No Upfront"))
        three = price(source, q, Decimal(730), Term("SavingsPlan", "3yr", "No Upfront"))

        assert (one.monthly_cost, one.unit_price, one.upfront) == (
            Decimal(730) * Decimal("0.068"),
            Decimal("0.068"),
            Decimal(0),
        )
        assert three.monthly_cost == Decimal(730) * Decimal("0.047") == Decimal("34.31")

    def test_plan_rates_are_kept_apart_from_on_demand_lookups(self) -> None:
        source = self.source()

        assert [r.sku for r in source.find(query("AmazonEC2", "us-east-1"))] == ["ONDEMAND", "OTHER"]
        assert {r.sku for r in source.savings_plan_rates("us-east-1", "ONDEMAND")} == {"PLAN1Y", "PLAN3Y"}
        assert source.savings_plan_rates("us-east-1", "OTHER") == []

    def test_a_sku_without_a_plan_rate_is_refused_naming_the_missing_rate(self) -> None:
        q = query("AmazonEC2", "us-east-1", usage="BoxUsage:m5.xlarge")

        with pytest.raises(NoPrice, match=r"no Compute Savings Plan 1yr, no upfront rate for AmazonEC2 in us-east-1"):
            price(self.source(), q, Decimal(730), Term("SavingsPlan", "1yr", "No Upfront"))


def test_a_zero_instance_price_is_never_taken_for_a_real_one() -> None:
    # FORMAT.md pitfall 3: capacity-reservation and Dedicated Host rows are $0 an hour.
    from designer.pricing.book import MemoryPriceSource, NoPrice, price, query
    from designer.pricing.records import PriceRecord

    source = MemoryPriceSource()
    zero = PriceRecord(
        "SKU0",
        "AmazonEC2",
        "Compute Instance",
        "BoxUsage:p5.48xlarge",
        {"instanceType": "p5.48xlarge"},
        "Hrs",
        Decimal(0),
    )
    source.add("AmazonEC2", "us-east-1", [zero])
    with pytest.raises(NoPrice, match=r"\$0, which is not a real instance price"):
        price(source, query("AmazonEC2", "us-east-1", instance_type="p5.48xlarge"), Decimal(730))
