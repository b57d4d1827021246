"""Migration 0008 brings an existing chart to the statement classes of the shipped chart."""

from __future__ import annotations

import importlib

from django.apps import apps

from kopdes.ledger.models import Account

migration = importlib.import_module("kopdes.ledger.migrations.0008_statement_classes")


def test_an_old_chart_gets_the_new_classes_groups_and_grant_accounts(personas):
    coop = personas.coop
    accounts = Account.objects.filter(cooperative=coop)
    # The chart as 0002 seeded it: coarse classes and groups, no grant accounts.
    accounts.filter(code__in=["2-2300", "7-1300"]).delete()
    accounts.filter(code="1-1510").update(cash_flow_class="operasi", report_group="aset_lancar")
    accounts.filter(code="1-2300").update(report_group="aset_tidak_lancar")
    accounts.filter(code="6-1100").update(cash_flow_class="operasi")
    accounts.filter(code="3-1400").update(name="Hibah")
    # The cooperative's own choices and sub-accounts.
    accounts.filter(code="6-1200").update(cash_flow_class="investasi")
    parent = accounts.get(code="1-1510")
    Account.objects.create(
        cooperative=coop, code="1-1510-01", name="Persediaan Beras", type="aset",
        normal_side="debit", parent=parent, cash_flow_class="operasi", report_group="aset_lancar",
    )  # fmt: skip

    migration.refine_charts(apps, None)

    def of(code):
        return accounts.get(code=code)

    assert (of("1-1510").cash_flow_class, of("1-1510").report_group) == ("pemasok", "persediaan")
    assert (of("1-1510-01").cash_flow_class, of("1-1510-01").report_group) == (
        "pemasok",
        "persediaan",
    )
    assert of("1-2300").report_group == "aset_tetap"
    assert of("6-1100").cash_flow_class == "karyawan"
    assert of("6-1200").cash_flow_class == "investasi"  # the cooperative's choice is kept
    assert of("3-1400").name == "Hibah (saldo sebelum SAK EP)"
    assert (of("2-2300").type, of("2-2300").cash_flow_class) == ("kewajiban", "hibah")
    assert of("7-1300").report_group == "pendapatan_lain"
    # Running it again changes nothing.
    before = list(accounts.order_by("code").values_list("code", "cash_flow_class", "report_group"))
    migration.refine_charts(apps, None)
    after = list(accounts.order_by("code").values_list("code", "cash_flow_class", "report_group"))
    assert after == before
