import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_indonesian_is_spoken_even_when_the_browser_asks_for_english():
    response = Client().get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Masuk ke Kopdes" in response.content.decode()


def test_the_chosen_language_cookie_wins():
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/masuk/")
    assert response["Content-Language"] == "en"
    assert "Masuk ke Kopdes" not in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian():
    client = Client()
    client.cookies["django_language"] = "xx"
    assert client.get("/masuk/")["Content-Language"] == "id"
