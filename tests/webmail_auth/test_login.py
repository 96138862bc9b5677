"""Webmail login: identifier + NUMEN, no enumeration, lockout, a realm of its own."""

import re

import pytest
from django.urls import reverse

from webmail_auth.session import SESSION_AGENT_KEY

LOGIN = "/webmail/connexion/"
NUMEN = "08E0512345ABC"
LOCKED = 429  # django-axes' lockout answer (AXES_HTTP_RESPONSE_CODE), its lockout page


def post_login(client, username: str, password: str, *, meta=None, **data):
    return client.post(LOGIN, {"username": username, "password": password, **data}, **(meta or {}))


def test_the_login_page_has_the_phishing_notice_and_the_lost_identifier_link(client, db):
    response = client.get(LOGIN)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Lutte contre le filoutage" in content
    assert 'href="/webmail/identifiant-perdu/"' in content
    assert "Identifiant ou mot de passe perdu" in content
    assert 'name="username"' in content and 'name="password"' in content


def test_the_right_identifier_and_numen_open_the_inbox(client, vincent):
    response = post_login(client, "vdupont", NUMEN)
    assert response.status_code == 302
    assert response["Location"] == "/webmail/"
    assert client.session[SESSION_AGENT_KEY] == vincent.pk
    assert "Boîte de réception" in client.get("/webmail/").content.decode()


def test_the_numen_is_accepted_in_lower_case_with_spaces_and_the_identifier_in_capitals(
    client, vincent
):
    response = post_login(client, " VDupont ", " 08e0512345abc ")
    assert response.status_code == 302


def test_a_wrong_numen_and_an_unknown_identifier_get_the_same_answer(client, vincent):
    wrong_numen = post_login(client, "vdupont", "08E0512345ABD")
    unknown = post_login(client, "zzinconnu", NUMEN)
    malformed = post_login(client, "vdupont", "n'importe quoi")
    for response in (wrong_numen, unknown, malformed):
        assert response.status_code == 200
        assert SESSION_AGENT_KEY not in client.session
    assert "Identifiant ou mot de passe incorrect" in wrong_numen.content.decode()

    def normalise(response) -> str:
        content = response.content.decode().replace("zzinconnu", "vdupont")
        content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)
        return re.sub(r'nonce="[^"]*"', "", content)

    assert normalise(unknown) == normalise(wrong_numen)
    # An inactive agent is refused the same way.
    vincent.is_active = False
    vincent.save()
    inactive = post_login(client, "vdupont", NUMEN)
    assert normalise(inactive) == normalise(wrong_numen)


def test_the_login_errors_are_announced_at_the_top_and_tied_to_the_fields(client, vincent):
    content = post_login(client, "vdupont", "").content.decode()
    assert 'role="alert"' in content
    assert 'aria-describedby="password-hint password-error"' in content
    assert 'id="password-error"' in content


def test_an_unknown_identifier_costs_an_hmac_like_a_known_one(client, vincent, monkeypatch):
    from webmail_auth import backends

    calls: list[str] = []
    original = backends.digests_match

    def spy(candidate, stored):
        calls.append(stored)
        return original(candidate, stored)

    monkeypatch.setattr(backends, "digests_match", spy)
    post_login(client, "zzinconnu", NUMEN)
    post_login(client, "vdupont", "08E0512345ABD")
    assert len(calls) == 2  # compared in constant time on both paths


def test_five_failures_lock_the_identifier_from_this_client_even_with_the_right_numen(
    client, vincent
):
    for _attempt in range(4):
        assert post_login(client, "vdupont", "08E0512345ABD").status_code == 200
    fifth = post_login(client, "vdupont", "08E0512345ABD")
    assert fifth.status_code == LOCKED
    assert "Connexion temporairement bloquée" in fifth.content.decode()
    right = post_login(client, "vdupont", NUMEN)
    assert right.status_code == LOCKED
    assert SESSION_AGENT_KEY not in client.session


def test_the_lockout_is_per_client_address(client, vincent):
    for _attempt in range(5):
        post_login(client, "vdupont", "08E0512345ABD")
    other_client = post_login(client, "vdupont", NUMEN, meta={"REMOTE_ADDR": "192.0.2.77"})
    assert other_client.status_code == 302


def test_unknown_identifiers_are_locked_out_like_known_ones(client, db):
    for _attempt in range(5):
        response = post_login(client, "zzinconnu", NUMEN)
    assert response.status_code == LOCKED


def test_a_success_resets_the_failure_count(client, vincent):
    for _attempt in range(4):
        post_login(client, "vdupont", "08E0512345ABD")
    assert post_login(client, "vdupont", NUMEN).status_code == 302
    for _attempt in range(4):
        assert post_login(client, "vdupont", "08E0512345ABD").status_code == 200


def test_the_session_key_changes_at_login(client, vincent):
    client.get(LOGIN)
    session = client.session
    session["marker"] = 1
    session.save()
    before = session.session_key
    post_login(client, "vdupont", NUMEN)
    assert client.session.session_key != before


def test_the_webmail_login_does_not_log_into_the_elector_space(client, vincent):
    response = post_login(client, "vdupont", NUMEN)
    assert not response.wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in client.session


def test_an_elector_session_does_not_open_the_webmail(client, vincent, django_user_model):
    user = django_user_model.objects.create_user(vincent.email, "Bonjour2014x", agent=vincent)
    client.force_login(user)
    response = client.get("/webmail/")
    assert response.status_code == 302
    assert response["Location"].startswith("/webmail/connexion/?next=")


def test_logout_is_post_only_and_closes_the_webmail_only(client, vincent, django_user_model):
    user = django_user_model.objects.create_user(vincent.email, "Bonjour2014x", agent=vincent)
    client.force_login(user)
    post_login(client, "vdupont", NUMEN)
    assert client.get("/webmail/deconnexion/").status_code == 405
    response = client.post("/webmail/deconnexion/")
    assert response.status_code == 302 and response["Location"] == reverse("webmail:login")
    assert SESSION_AGENT_KEY not in client.session
    assert client.get("/webmail/").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)  # still an elector


def test_the_inbox_asks_for_a_login_and_comes_back_after_it(client, vincent):
    response = client.get("/webmail/messages/1/")
    assert response.status_code == 302
    assert response["Location"] == "/webmail/connexion/?next=/webmail/messages/1/"
    after = post_login(client, "vdupont", NUMEN, next="/webmail/?page=1")
    assert after["Location"] == "/webmail/?page=1"


def test_an_outside_next_address_is_ignored(client, vincent):
    response = post_login(client, "vdupont", NUMEN, next="https://evil.example/")
    assert response["Location"] == "/webmail/"


def test_a_deactivated_agent_loses_their_open_webmail_session(client, vincent):
    post_login(client, "vdupont", NUMEN)
    vincent.is_active = False
    vincent.save()
    assert client.get("/webmail/").status_code == 302


@pytest.mark.parametrize("path", ["/webmail/identifiant-perdu/"])
def test_the_lost_identifier_page_explains_the_rule_and_gives_the_guichet(client, db, path):
    content = client.get(path).content.decode()
    assert "0810 76 76 76" in content and "04 76 09 82 06" in content
    assert "de 8 h à 18 h" in content
    assert "vdupont2" in content and "jlegall" in content
    assert "<h1>Identifiant ou mot de passe perdu</h1>" in content


def test_a_lockout_on_one_identifier_does_not_lock_another_from_the_same_client(client, directory):
    for _attempt in range(5):
        post_login(client, "jlegall", "08E9834567GHX")
    locked = post_login(client, "jlegall", "08E9834567GHI")
    assert locked.status_code == LOCKED
    assert 'href="/webmail/identifiant-perdu/"' in locked.content.decode()  # a way out

    response = post_login(client, "vdupont2", "08G0923456DEF")

    assert response.status_code == 302
    assert client.session[SESSION_AGENT_KEY] == directory.get(identifier="vdupont2").pk


@pytest.mark.parametrize("path", [LOGIN, "/webmail/deconnexion/"])
def test_a_webmail_post_without_the_csrf_token_is_refused_and_changes_nothing(
    path, vincent, webmail_login
):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    webmail_login(csrf_client, vincent)

    response = csrf_client.post(path, {"username": "vdupont", "password": NUMEN})

    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()
    assert csrf_client.session[SESSION_AGENT_KEY] == vincent.pk  # still logged in, not again


def test_a_crash_during_the_numen_check_never_shows_the_numen_in_the_error_report(
    client, vincent, monkeypatch
):
    import sys

    from django.core.signals import got_request_exception
    from django.views.debug import ExceptionReporter

    from webmail_auth import backends

    reports: list[str] = []

    def broken_digest(numen, **kwargs):
        raise RuntimeError("panne")

    def report(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_html())

    monkeypatch.setattr(backends, "numen_digest", broken_digest)
    got_request_exception.connect(report)
    client.raise_request_exception = False
    try:
        response = post_login(client, "vdupont", NUMEN)
    finally:
        got_request_exception.disconnect(report)

    assert response.status_code == 500
    [html] = reports
    assert "webmail_auth/forms.py" in html  # the form's frame is in the report
    assert NUMEN not in html and NUMEN.lower() not in html
