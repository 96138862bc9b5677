"""Small frictions of a first-time elector: the address hint names their own address, one
wording for link lifetimes, the "Notez-le" advice, mails in the language they chose, and
/urne/ lists the boxes."""

import re

import pytest

from accounts.models import User
from webmail_auth.session import SESSION_AGENT_KEY, SESSION_HASH_KEY, _session_hash

pytestmark = pytest.mark.django_db
SIGNUP = "/electeur/creer-compte/"


def open_webmail(client, agent) -> None:
    session = client.session
    session[SESSION_AGENT_KEY] = agent.pk
    session[SESSION_HASH_KEY] = _session_hash(agent)
    session.save()


def test_after_the_webmail_the_address_is_typed_and_named(client, vincent):
    open_webmail(client, vincent)

    for url in (SIGNUP, "/electeur/connexion/"):
        page = client.get(url).content.decode()
        assert 'value="vincent.dupont@ac-grenoble.fr"' in page, url
        assert "Votre adresse est vincent.dupont@ac-grenoble.fr" in page, url


def test_without_the_webmail_a_neutral_example_and_no_placeholder_domain(client):
    page = client.get(SIGNUP).content.decode()

    assert "camille.martin@ac-lyon.fr" in page
    assert "ac-academie" not in page


def test_the_sign_up_page_says_to_note_the_password(client):
    assert "<strong>Notez-le</strong>" in client.get(SIGNUP).content.decode()


@pytest.mark.parametrize(("timeout", "said"), [(3 * 86400, "3 jours"), (36 * 3600, "36 heures")])
def test_every_link_lifetime_is_worded_the_same_from_the_setting(
    client, settings, vincent, valerie_account, signup_data, inbox, timeout, said
):
    settings.PASSWORD_RESET_TIMEOUT = timeout
    client.post(SIGNUP, signup_data(vincent.email))
    client.post("/electeur/mot-de-passe-oublie/", {"email": valerie_account.email})

    for agent in (vincent, valerie_account.agent):
        assert f"Ce lien est valable {said} et ne sert qu'une fois." in inbox(agent)[-1].body_text
    assert (
        f"valable {said}"
        in client.get("/electeur/creer-compte/demande-enregistree/").content.decode()
    )


def test_mails_speak_the_language_the_elector_chose(client, vincent, signup_data, inbox, password):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post(SIGNUP, signup_data(vincent.email))
    assert User.objects.get().language == "en"
    link = re.search(r"/electeur/confirmer/[^/\s]+/", inbox(vincent)[-1].body_text).group()
    client.post(link, {"password": password})

    # Back to French in the menu while logged in: kept on the account.
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert User.objects.get().language == "fr"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    # A reset asked for from a French page (another browser) comes in English.
    french = type(client)()
    french.post("/electeur/mot-de-passe-oublie/", {"email": vincent.email})
    reset = inbox(vincent)[-1]
    assert "Reset" in reset.subject or "password" in reset.subject.lower(), reset.subject
    assert "Bonjour" not in reset.body_text


def test_the_box_without_a_code_lists_the_boxes(client):
    response = client.get("/urne/")

    assert response.status_code == 200
    assert "Les urnes" in response.content.decode()
