"""The default chart is copied to each cooperative; sub-accounts and deactivation."""

from __future__ import annotations

import pytest

from kopdes.ledger.chart import default_chart, seed_chart
from kopdes.ledger.models import Account
from kopdes.ledger.services import LedgerError, add_account, deactivate_account
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop():
    return factories.cooperative("64.09.04.2015")


def test_a_new_cooperative_gets_the_whole_default_chart(coop):
    assert Account.objects.filter(cooperative=coop).count() == len(default_chart())
    kas = lf.account(coop, "1-1100")
    assert (kas.name, kas.type, kas.normal_side, kas.cash_flow_class) == (
        "Kas",
        "aset",
        "debit",
        "kas",
    )


def test_seeding_again_adds_nothing(coop):
    assert seed_chart(coop) == 0


def test_the_chart_splits_revenue_and_names_its_control_accounts(coop):
    member, other = lf.account(coop, "4-1110"), lf.account(coop, "4-1120")
    assert (member.segment, other.segment) == ("anggota", "non_anggota")
    controls = dict(
        Account.objects.filter(cooperative=coop)
        .exclude(control_key="")
        .values_list("control_key", "owner_app")
    )
    assert controls["savings_pokok"] == "savings"
    assert controls["savings_wajib"] == "savings"
    assert controls["savings_sukarela"] == "savings"
    assert controls["loans_receivable"] == "loans"
    assert controls["loan_loss_allowance"] == "loans"
    assert controls["interest_receivable"] == "loans"
    ppap = Account.objects.get(cooperative=coop, control_key="loan_loss_allowance")
    assert ppap.is_contra
    assert ppap.normal_side == "kredit"
    assert lf.account(coop, "3-1100").type == "ekuitas"
    assert lf.account(coop, "2-1100").type == "kewajiban"
    keys = set(Account.objects.filter(cooperative=coop).values_list("system_key", flat=True))
    assert {"kas", "bank", "shu_tahun_berjalan", "shu_belum_dibagi"} <= keys


def test_a_sub_account_inherits_its_parents_classification(coop):
    child = add_account(
        cooperative=coop,
        actor=None,
        parent=lf.account(coop, "6-1200"),
        code="6-1210",
        name="Beban Listrik Gerai",
    )
    assert (child.type, child.report_group, child.is_header) == ("beban", "beban_usaha", False)
    assert lf.account(coop, "6-1200").is_header


def test_a_sub_account_under_an_account_with_postings_is_refused(coop):
    lf.entry(coop, debit=lf.ELECTRICITY, credit=lf.KAS)
    with pytest.raises(LedgerError) as info:
        add_account(
            cooperative=coop,
            actor=None,
            parent=lf.account(coop, "6-1200"),
            code="6-1210",
            name="Beban Listrik Gerai",
        )
    assert info.value.field == "parent"


def test_control_accounts_cannot_be_deactivated(coop):
    with pytest.raises(LedgerError, match="dibutuhkan sistem"):
        deactivate_account(account=lf.account(coop, "3-1100"), actor=None)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("Beban\x00Listrik", "karakter"), ("B" * 5000, "5000")],
)
def test_a_sub_account_name_the_model_cannot_hold_is_refused_and_nothing_changes(
    coop, name, reason
):
    # Found by the API fuzz test: a NUL reached PostgreSQL and answered 500.
    with pytest.raises(LedgerError, match=reason) as info:
        add_account(
            cooperative=coop,
            actor=None,
            parent=lf.account(coop, "6-1200"),
            code="6-1210",
            name=name,
        )
    assert info.value.field == "name"
    assert not Account.objects.filter(cooperative=coop, code="6-1210").exists()
    assert not lf.account(coop, "6-1200").is_header
