"""The top bar's links, the same on every page (docs/architecture.md, "Pages on a phone").

A district user (Dinas, district viewer, BA) keeps the district's links on
every page, a cooperative's included; inside a cooperative the bar adds that
cooperative's own pages for whoever may see them (a teller starts with the
cash book). A page that fills ``{% block nav %}`` itself replaces all this.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kopdes.accounts import access

register = template.Library()


def _items(user: Any, cooperative: Any, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if access.can(user, "district.view"):
        items += [
            {"label": _("Beranda"), "url": reverse("district:home")},
            {"label": _("Daftar koperasi"), "url": reverse("district:registry")},
            {"label": _("Peta"), "url": reverse("district:map")},
        ]
        people = access.ACTIONS["people.view"]
        if any(g.regency_id and g.role in people for g in access.active_grants(user)):
            items.append({"label": _("Pengguna"), "url": reverse("accounts:people")})
    if cooperative is not None and str(getattr(cooperative, "slug", None) or ""):
        slug = cooperative.slug
        coop_items = [
            {"label": _("Koperasi"), "url": reverse("cooperatives:home", args=[slug])},
            {"label": _("Buku kas"), "url": reverse("ledger:cash_book", args=[slug])},
            {"label": _("Laporan"), "url": reverse("ledger:statements", args=[slug])},
        ]
        if access.can(user, "cooperative.transact", cooperative) and not access.can(
            user, "ledger.manage", cooperative
        ):
            coop_items.insert(0, coop_items.pop(1))  # a teller's work comes first
        items += coop_items
    # The longest matching link is the active one ("/k/x/" is not active on "/k/x/buku/kas/").
    best = max(
        (item for item in items if path.startswith(item["url"])),
        key=lambda item: len(item["url"]),
        default=None,
    )
    for item in items:
        item["active"] = item is best
    return items


@register.simple_tag(takes_context=True)
def main_nav(context: dict[str, Any]) -> SafeString | str:
    """The ``<li>`` items of the top bar for this user and page."""
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None or not user.is_authenticated:
        return ""
    items = _items(user, context.get("cooperative"), request.path)
    return render_to_string("includes/main_nav.html", {"items": items})


@register.simple_tag(takes_context=True)
def coop_breadcrumbs(context: dict[str, Any], *trail: Any) -> SafeString | str:
    """Kabupaten › Kecamatan › Desa › … for a cooperative's page.

    ``trail`` is label, url pairs after the cooperative (the last url may be
    empty: the current page). The kabupaten and the kecamatan link to the
    district's pages for a user who may see them (the kecamatan to the list
    filtered by it); the desa always links to the cooperative's home.
    """
    cooperative = context.get("cooperative")
    if cooperative is None:
        return ""
    user = context.get("user")
    district = access.can(user, "district.view")
    regency = cooperative.regency
    kecamatan = cooperative.kecamatan
    crumbs: list[dict[str, str]] = []
    if regency is not None:
        crumbs.append({"label": regency.name, "url": reverse("district:home") if district else ""})
    if kecamatan is not None:
        url = f"{reverse('district:registry')}?kecamatan={kecamatan.code}" if district else ""
        crumbs.append({"label": _("Kec. %(name)s") % {"name": kecamatan.name}, "url": url})
    crumbs.append(
        {
            "label": cooperative.primary_village.display_name,
            "url": reverse("cooperatives:home", args=[cooperative.slug]),
        }
    )
    pairs = list(trail)
    for label, url in zip(pairs[::2], pairs[1::2], strict=False):
        crumbs.append({"label": str(label), "url": str(url or "")})
    # The current page is the last crumb, never a link.
    if not trail:
        crumbs[-1]["url"] = ""
    return render_to_string("includes/breadcrumbs.html", {"crumbs": crumbs})
