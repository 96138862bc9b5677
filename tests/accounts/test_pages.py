"""The elector space entrance and home."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_get_both_ways_in_and_the_numen_reminder(client):
    page = client.get("/electeur/").content.decode()

    assert "Accès à votre espace électeur" in page
    assert "Accéder" in page
    assert "Créer mon compte" in page
    assert 'href="/electeur/creer-compte/"' in page
    assert 'action="/electeur/connexion/"' in page
    assert "n'est pas votre NUMEN" in page


def test_a_logged_in_elector_gets_the_elector_space_home(client, valerie_account):
    client.force_login(valerie_account)

    page = client.get("/electeur/").content.decode()

    assert "Mon espace électeur" in page
    assert "Valérie Dupont" in page
    assert "Accès à votre espace électeur" not in page
    assert 'href="/electeur/profil/"' in page
    assert 'href="/electeur/scrutins/"' in page
    assert 'href="/electeur/mot-de-passe/"' in page


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/electeur/", "/electeur/creer-compte/", "/electeur/connexion/"):
        page = client.get(path).content.decode()
        assert "style=" not in page
        assert "onclick" not in page
