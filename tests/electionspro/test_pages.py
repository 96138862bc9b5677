"""The public pages, the security headers, the error pages and the health check."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title", "text"),
    [
        ("/", "Accueil", "Par où commencer"),
        ("/faq/", "Questions fréquentes", "Quelles règles pour le mot de passe ?"),
        ("/assistance/", "Assistance", "0810 76 76 76"),
        ("/accessibilite/", "Accessibilité", "RGAA"),
    ],
)
def test_public_pages_are_french_dsfr_pages(client, url, title, text):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert f"<title>{title} — Élections professionnelles</title>" in html
    assert text in html
    assert 'class="fr-header"' in html and "Élections professionnelles" in html
    assert 'class="fr-skiplinks"' in html and 'href="#contenu"' in html
    assert '<main id="contenu"' in html
    assert "0810 76 76 76" in html  # the guichet unique in the footer
    assert "/static/dsfr/dsfr.min.css" in html


def test_the_favicon_browsers_ask_for_leads_to_the_dsfr_one(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.headers["Location"] == "/static/dsfr/favicon/favicon.ico"


def test_the_home_page_names_the_campaign_once_in_its_heading(client):
    from ballots.demo_campaign import demo_calendar
    from ballots.services.campaign import campaign_create

    campaign_create(slug="c2014", name="Élections professionnelles 2014", **demo_calendar("now"))
    html = client.get("/").content.decode()

    assert "<h1>Élections professionnelles 2014</h1>" in html


def test_faq_answers_the_questions_of_the_seed(client):
    html = client.get("/faq/").content.decode()
    for question in [
        "Comment accéder à ma messagerie académique ?",
        "Quel est mon identifiant et qu'est-ce que le NUMEN ?",
        "Comment créer mon compte électeur ?",
        "Quelles règles pour le mot de passe ?",
        "Comment revenir plus tard ?",
        "Quand puis-je voter ?",
        "Quand les résultats sont-ils publiés ?",
    ]:
        assert question in html


def test_assistance_gives_both_numbers_the_price_and_the_hours(client):
    html = client.get("/assistance/").content.decode()
    assert "0810 76 76 76" in html
    assert "04 76 09 82 06" in html
    assert "2,8 cts/min" in html and "7,8 cts par appel" in html
    assert "de 8 h à 18 h du lundi au vendredi" in html and "8 h à 17 h le mercredi" in html


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_style_or_handler(client):
    html = client.get("/").content.decode()
    nonce = client.get("/").headers["Content-Security-Policy"]  # a fresh nonce per response
    assert "style=" not in html
    assert " onclick=" not in html and " onload=" not in html
    for script in html.split("<script")[1:]:
        assert 'src="/static/' in script.split(">", 1)[0]
    assert "nonce-" in nonce


def test_unknown_page_is_a_french_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page non trouvée" in html and '<html lang="fr"' in html


def test_server_error_page_is_french_and_needs_no_database(rf):
    from core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


def test_permission_denied_page_is_french(rf):
    from core.views import permission_denied

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(request)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_a_post_without_csrf_token_is_refused_with_a_french_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("set_language"), {"language": "en"})
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()


def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_not_a_traceback_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_the_portal_is_french_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_the_language_menu_switches_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/faq/"})
    assert response.status_code == 302
    page = client.get("/faq/")
    assert page.headers["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()
