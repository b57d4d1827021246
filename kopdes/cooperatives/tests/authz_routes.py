"""Authorisation entries for the cooperative pages and API."""

from kopdes.testing.authz import (
    API_UNLISTED,
    COOP_READERS,
    DISTRICT,
    Route,
    api_everyone,
    api_only,
    fixed,
    only,
)

# --- Pages (regweb) ---------------------------------------------------------
# Editors of a cooperative's registry data: the Dinas admin and its pengurus.
COOP_EDITORS = ("dinas", "pengurus")
# Who may read / edit another cooperative (Giri Mukti): the district and its pengurus.
OTHER_READERS = (*DISTRICT, "outsider")
OTHER_EDITORS = ("dinas", "outsider")
# Every signed-in persona gets 404 for another cooperative's object under their own slug.
NOBODY: tuple[str, ...] = ()


def _unit(coop):
    from kopdes.cooperatives.models import BusinessUnit
    from kopdes.testing import registry_factories

    existing = BusinessUnit.objects.filter(cooperative=coop).first()
    return existing or registry_factories.unit(coop, "gerai_sembako")


def _officer(coop):
    from kopdes.cooperatives.models import Officer
    from kopdes.testing import registry_factories

    return Officer.objects.filter(cooperative=coop).first() or registry_factories.officer(coop)


def _rat(coop):
    from kopdes.cooperatives.models import RatRecord
    from kopdes.testing import registry_factories

    return RatRecord.objects.filter(cooperative=coop).first() or registry_factories.rat(coop)


def _document(coop):
    """A step document whose file is one fixed small PDF under MEDIA_ROOT (reused, not piled up)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from kopdes.cooperatives.models import FormationStep, RegistryDocument
    from kopdes.testing import registry_factories

    existing = RegistryDocument.objects.filter(cooperative=coop).first()
    if existing:
        return existing
    name = "authz-sweep/berita-acara.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(registry_factories.PDF_BYTES))
    step, _ = FormationStep.objects.get_or_create(
        cooperative=coop, kind="sosialisasi", defaults={"done_on": "2025-05-01"}
    )
    return RegistryDocument.objects.create(
        cooperative=coop,
        purpose="step",
        step=step,
        file=name,
        original_name="berita-acara.pdf",
        content_type="application/pdf",
        size=len(registry_factories.PDF_BYTES),
    )


def _object_variants(prefix: str, make) -> dict:
    """own object, other cooperative's object under its slug, and the tampered id."""
    return {
        "own": lambda p: f"/k/{p.coop.slug}/{prefix}/{make(p.coop).pk}/",
        "other": lambda p: f"/k/{p.other_coop.slug}/{prefix}/{make(p.other_coop).pk}/",
        "tampered": lambda p: f"/k/{p.coop.slug}/{prefix}/{make(p.other_coop).pk}/",
    }


def _coop_variants(suffix: str) -> dict:
    return {
        "own": lambda p: f"/k/{p.coop.slug}/{suffix}",
        "other": lambda p: f"/k/{p.other_coop.slug}/{suffix}",
    }


# Who may see the cooperative of each variant but not edit it: they get 403 ("Anda
# hanya dapat melihat data ini"), checked before any object is looked up, so the
# tampered id tells them nothing either (docs/tenancy.md).
SEE_NOT_EDIT = {
    "own": tuple(p for p in COOP_READERS if p not in COOP_EDITORS),
    "other": tuple(p for p in OTHER_READERS if p not in OTHER_EDITORS),
    "tampered": tuple(p for p in COOP_READERS if p not in COOP_EDITORS),
    "unknown": tuple(p for p in COOP_READERS if p not in COOP_EDITORS),
}


def _edit_only(variant: str, allowed: tuple[str, ...], status: int | str = 200) -> dict:
    expect = only(allowed, status=status)
    return {**expect, **dict.fromkeys(SEE_NOT_EDIT[variant], 403)}


def _form_expect(*variants: str, post: int | str = 200) -> dict:
    """GET shows the form, POST (empty) re-shows it with errors, to editors only."""
    expect = {}
    readers = {"own": COOP_EDITORS, "other": OTHER_EDITORS, "tampered": NOBODY}
    for variant in variants:
        expect[(variant, "GET")] = _edit_only(variant, readers[variant])
        expect[(variant, "POST")] = _edit_only(variant, readers[variant], status=post)
    return expect


def _step(coop):
    """A recorded step to confirm deleting (the sweep's POSTs never confirm, so it stays)."""
    from kopdes.cooperatives.models import FormationStep

    step, _ = FormationStep.objects.get_or_create(
        cooperative=coop, kind="sosialisasi", defaults={"done_on": "2025-05-01"}
    )
    return step


def _removal_variants(prefix: str, make, action: str) -> dict:
    """Like ``_object_variants`` for ``<prefix>/<id>/<action>/`` pages."""
    return {
        name: (lambda p, build=build: f"{build(p)}{action}/")
        for name, build in _object_variants(prefix, make).items()
    }


PAGE_ROUTES: dict[str, Route] = {
    "cooperatives:home": Route(
        {"own": lambda p: f"/k/{p.coop.slug}/", "other": lambda p: f"/k/{p.other_coop.slug}/"},
        {
            ("own", "GET"): only(COOP_READERS),
            ("other", "GET"): only(OTHER_READERS),
        },
    ),
    "cooperatives:history": Route(
        _coop_variants("riwayat/"),
        {("own", "GET"): only(COOP_READERS), ("other", "GET"): only(OTHER_READERS)},
    ),
    "cooperatives:step_edit": Route(
        {
            **_coop_variants("tahap/musdesus/"),
            # An unknown step kind is a 404 even for an editor.
            "unknown": lambda p: f"/k/{p.coop.slug}/tahap/bukan-tahap/",
        },
        {
            **_form_expect("own", "other"),
            ("unknown", "GET"): _edit_only("unknown", NOBODY),
            ("unknown", "POST"): _edit_only("unknown", NOBODY),
        },
    ),
    "cooperatives:document": Route(
        _object_variants("dokumen", _document),
        {
            ("own", "GET"): only(COOP_READERS),
            ("other", "GET"): only(OTHER_READERS),
            ("tampered", "GET"): only(NOBODY),
        },
    ),
    "cooperatives:officer_create": Route(
        _coop_variants("pengurus/baru/"), _form_expect("own", "other")
    ),
    "cooperatives:officer_edit": Route(
        _object_variants("pengurus", _officer), _form_expect("own", "other", "tampered")
    ),
    "cooperatives:unit_create": Route(_coop_variants("unit/baru/"), _form_expect("own", "other")),
    "cooperatives:unit_edit": Route(
        _object_variants("unit", _unit), _form_expect("own", "other", "tampered")
    ),
    "cooperatives:unit_status": Route(
        {
            "own": lambda p: f"/k/{p.coop.slug}/unit/{_unit(p.coop).pk}/status/",
            "other": lambda p: f"/k/{p.other_coop.slug}/unit/{_unit(p.other_coop).pk}/status/",
            "tampered": lambda p: f"/k/{p.coop.slug}/unit/{_unit(p.other_coop).pk}/status/",
        },
        {
            # An empty POST changes nothing and goes back to the profile.
            ("own", "POST"): _edit_only("own", COOP_EDITORS, status=302),
            ("other", "POST"): _edit_only("other", OTHER_EDITORS, status=302),
            ("tampered", "POST"): _edit_only("tampered", NOBODY),
        },
    ),
    "cooperatives:rat_create": Route(_coop_variants("rat/baru/"), _form_expect("own", "other")),
    # --- regpolish: header form and removals. A removal's GET asks and an
    # unconfirmed POST (the sweep's empty body) asks again: 200, nothing removed.
    "cooperatives:cooperative_edit": Route(_coop_variants("ubah/"), _form_expect("own", "other")),
    "cooperatives:step_delete": Route(
        {
            "own": lambda p: f"/k/{p.coop.slug}/tahap/{_step(p.coop).kind}/hapus/",
            "other": lambda p: f"/k/{p.other_coop.slug}/tahap/{_step(p.other_coop).kind}/hapus/",
            "unknown": lambda p: f"/k/{p.coop.slug}/tahap/bukan-tahap/hapus/",
        },
        {
            **_form_expect("own", "other"),
            ("unknown", "GET"): _edit_only("unknown", NOBODY),
            ("unknown", "POST"): _edit_only("unknown", NOBODY),
        },
    ),
    "cooperatives:document_delete": Route(
        _removal_variants("dokumen", _document, "hapus"),
        _form_expect("own", "other", "tampered"),
    ),
    "cooperatives:officer_end": Route(
        _removal_variants("pengurus", _officer, "berhenti"),
        _form_expect("own", "other", "tampered"),
    ),
    "cooperatives:officer_delete": Route(
        _removal_variants("pengurus", _officer, "hapus"),
        _form_expect("own", "other", "tampered"),
    ),
    "cooperatives:unit_delete": Route(
        _removal_variants("unit", _unit, "hapus"), _form_expect("own", "other", "tampered")
    ),
    "cooperatives:rat_edit": Route(
        _object_variants("rat", _rat), _form_expect("own", "other", "tampered")
    ),
}

ROUTES: dict[str, Route] = {
    **PAGE_ROUTES,
    "api:list_cooperatives": Route(
        fixed("/api/v1/cooperatives"),
        # Everyone signed in may ask; the answer is filtered to what they see.
        {("", "GET"): api_everyone()},
        API_UNLISTED,
    ),
    "api:get_cooperative": Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}",
        },
        {
            ("own", "GET"): api_only(COOP_READERS),
            ("other", "GET"): api_only((*DISTRICT, "outsider")),
        },
        API_UNLISTED,
    ),
}

# --- Registry API (reg): entries built in authz_registry.py ---------------------
from kopdes.cooperatives.tests.authz_registry import REGISTRY_API_ROUTES  # noqa: E402

ROUTES.update(REGISTRY_API_ROUTES)
