"""Every form shows every error, hidden fields, radio buttons and per-row selects included.

Before, an error on a hidden field (the idempotency token), on radio buttons
drawn by hand, or on a per-row select came back as a page with no message at
all. ``includes/form_errors.html`` lists every error above the form and
``includes/field.html`` shows each under its field (issue #8, section 1).
"""

from collections import Counter
from html import escape

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from kopdes.cooperatives.models import StepKind
from kopdes.testing import registry_factories as rf


class SampleForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Token hilang."})
    direction = forms.ChoiceField(
        label="Jenis",
        choices=[("masuk", "Kas masuk"), ("keluar", "Kas keluar")],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Pilih kas masuk atau kas keluar."},
    )
    unit_1 = forms.ChoiceField(
        label="Unit baris 1",
        choices=[("", "—"), ("1", "Gerai")],
        error_messages={"invalid_choice": "Unit baris 1 tidak dikenal."},
    )

    def clean(self):
        raise forms.ValidationError("Jurnal belum seimbang.")


def bound_sample() -> SampleForm:
    form = SampleForm({"direction": "samping", "unit_1": "99"})
    assert not form.is_valid()
    return form


def test_the_error_list_names_every_error_above_the_form():
    html = render_to_string("includes/form_errors.html", {"form": bound_sample()})
    for message in (
        "Token hilang.",
        "Pilih kas masuk atau kas keluar.",
        "Unit baris 1 tidak dikenal.",
        "Jurnal belum seimbang.",
    ):
        assert message in html
    assert 'href="#id_direction"' in html
    assert 'href="#id_unit_1"' in html


def test_a_valid_form_draws_no_error_list():
    assert render_to_string("includes/form_errors.html", {"form": SampleForm()}).strip() == ""


def test_radio_buttons_and_selects_show_their_errors_next_to_them():
    form = bound_sample()
    radio = render_to_string("includes/field.html", {"field": form["direction"]})
    assert "Pilih kas masuk atau kas keluar." in radio
    assert radio.count('type="radio"') == 2
    assert "<legend" in radio
    select = render_to_string("includes/field.html", {"field": form["unit_1"]})
    assert "Unit baris 1 tidak dikenal." in select
    hidden = render_to_string("includes/field.html", {"field": form["token"]})
    assert 'type="hidden"' in hidden
    assert "<label" not in hidden


def _every_error_is_on_the_page(response) -> None:
    """Each error appears at least as often as fields carry it (two fields may share a text)."""
    form = response.context["form"]
    assert form.errors, "the POST was expected to be refused"
    page = response.content.decode()
    wanted = Counter(escape(str(message)) for errors in form.errors.values() for message in errors)
    for message, times in wanted.items():
        assert page.count(message) >= times, (message, times)


@pytest.mark.django_db
def test_a_registry_form_shows_a_service_refusal_on_a_field_it_does_not_draw(client, personas):
    """A refusal naming a field the form lacks lands above the form, not nowhere."""
    client.force_login(personas.pengurus)
    url = reverse("cooperatives:step_edit", args=[personas.coop.slug, StepKind.MUSDESUS])
    response = client.post(url, {"done_on": "2025-05-01"})
    assert response.status_code == 200
    _every_error_is_on_the_page(response)
    assert "data-form-errors" in response.content.decode()


@pytest.mark.django_db
def test_the_cash_book_shows_errors_of_its_hidden_token_and_radio_buttons(client, personas):
    rf.steps_through(personas.coop, StepKind.SOSIALISASI)
    client.force_login(personas.pengurus)
    url = reverse("ledger:cash_book", args=[personas.coop.slug])
    response = client.post(url, {"direction": "samping", "amount": "", "memo": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"idempotency_key", "direction"} <= set(form.errors)
    _every_error_is_on_the_page(response)


@pytest.mark.django_db
def test_the_journal_shows_errors_of_its_per_row_selects(client, personas):
    client.force_login(personas.pengurus)
    url = reverse("ledger:journal", args=[personas.coop.slug])
    response = client.post(url, {"unit_1": "999999", "account_1": "999999", "memo": "uji"})
    assert response.status_code == 200
    _every_error_is_on_the_page(response)
