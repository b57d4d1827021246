import pytest

from kopdes.core import hooks
from kopdes.core.hooks import Hook


def test_receivers_run_in_registration_order_with_keyword_arguments():
    hook = Hook("probe", "for the test")
    calls = []
    hook.register(lambda **kw: calls.append(("first", kw)), key="a")
    hook.register(lambda **kw: calls.append(("second", kw)), key="b")
    hook.fire(cooperative="K", actor="U")
    assert calls == [
        ("first", {"cooperative": "K", "actor": "U"}),
        ("second", {"cooperative": "K", "actor": "U"}),
    ]


def test_registering_the_same_key_twice_replaces_the_receiver():
    hook = Hook("probe", "for the test")
    hook.register(lambda **kw: 1, key="same")
    hook.register(lambda **kw: 2, key="same")
    assert hook.fire() == [2]


def test_a_failing_receiver_propagates():
    hook = Hook("probe", "for the test")

    def boom(**kw):
        raise RuntimeError("no books")

    hook.register(boom)
    with pytest.raises(RuntimeError):
        hook.fire()


def test_the_named_hooks_are_declared_once():
    assert set(hooks.ALL_HOOKS) == {
        "cooperative_created",
        "period_closed",
        "reconciliations",
        "home_notices",
    }


@pytest.mark.django_db
def test_creating_a_cooperative_fires_cooperative_created_inside_its_transaction():
    from kopdes.cooperatives.models import Cooperative
    from kopdes.testing import factories

    seen = []
    hooks.cooperative_created.register(
        lambda cooperative, actor: seen.append(
            Cooperative.objects.filter(pk=cooperative.pk).exists()
        ),
        key="test-probe",
    )
    try:
        factories.cooperative("64.09.02.2001")
    finally:
        hooks.cooperative_created.unregister("test-probe")
    assert seen == [True]


@pytest.mark.django_db
def test_a_failing_receiver_rolls_the_cooperative_back():
    from kopdes.cooperatives.models import Cooperative
    from kopdes.testing import factories

    def refuse(cooperative, actor):
        raise RuntimeError("chart could not be seeded")

    hooks.cooperative_created.register(refuse, key="test-refuse")
    try:
        with pytest.raises(RuntimeError):
            factories.cooperative("64.09.02.2001")
    finally:
        hooks.cooperative_created.unregister("test-refuse")
    assert not Cooperative.objects.filter(slug="6409022001").exists()
