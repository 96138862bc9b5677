"""Fuzzing every form of the portal: NUL, 100 000 characters, invalid UTF-8, CR/LF and
emoji, in every field at once and in each field alone (the others valid).

Whatever is sent: never a 500, nothing written but the bookkeeping of an attempt
(`row_counts` in tests/conftest.py), and no mail whose subject or
headers carry a line break. The URL table is checked against the URL configuration,
so a new form cannot escape the fuzzing. Runs on SQLite and on PostgreSQL (which
refuses NUL in text: run it with DATABASE_URL)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from accounts.tokens import confirmation_token
from core.mails import compose_mail
from core.models import AuditEvent
from webmail_auth.models import Message

from .conftest import paris

PASSWORD = "Electeur2014"
NEW_PASSWORD = "Nouveau2014pass"
INVALID_UTF8 = object()  # raw bytes in the request body, not a str
VALUES = {
    "nul": "abc\x00def",
    "overlong": "x" * 100_000,
    "invalid-utf8": INVALID_UTF8,
    "crlf": "abc\r\nBcc: victim@example.org\r\nSubject: injected",
    "emoji": "🗳️👍🏽 vote",
}
# Values a field may legitimately accept (free text): writes are allowed, 500s never.
HARMLESS = {"emoji"}
TEXTAREAS = {"current_value", "requested_value", "audit", "reason"}  # CR/LF is a new line there
VOTE = "/electeur/scrutins/CTA-GRE/voter/"


def form_table(scrutins, choice_of) -> dict[str, tuple[str, str, dict]]:
    """URL name → (who posts, path, the valid values of its fields)."""
    cta = choice_of(scrutins["cta"], "UNSA")
    return {
        "webmail:login": ("anonymous", "/webmail/connexion/", {"username": "elec2",
                          "password": "08E0512345ABC"}),
        "webmail:logout": ("elector", "/webmail/deconnexion/", {"next": "/"}),
        "accounts:login": ("anonymous", "/electeur/connexion/",
                           {"username": "elec2@ac-grenoble.fr", "password": PASSWORD}),
        "accounts:logout": ("elector", "/electeur/deconnexion/", {"next": "/"}),
        "accounts:signup": ("anonymous", "/electeur/creer-compte/", {
            "email": "nouveau@ac-grenoble.fr", "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD, "captcha_0": "test-key", "captcha_1": "PASSED"}),
        "accounts:confirm": ("confirm", "", {"password": NEW_PASSWORD}),
        "accounts:resend_confirmation": ("anonymous", "/electeur/nouveau-lien/",
                                         {"email": "elec2@ac-grenoble.fr"}),
        "accounts:password_reset": ("anonymous", "/electeur/mot-de-passe-oublie/",
                                    {"email": "elec2@ac-grenoble.fr"}),
        "accounts:password_reset_confirm": ("reset", "", {
            "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
        "accounts:password_change": ("elector", "/electeur/mot-de-passe/", {
            "old_password": PASSWORD, "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD}),
        "ballots:profile_update": ("elector-early", "/electeur/profil/mise-a-jour/", {
            "topic": "corps", "current_value": "Certifié", "requested_value": "Agrégé"}),
        "ballots:notice": ("elector", "/electeur/notice-de-vote/", {"reason": "Perdue",
                           "delivery": "courrier"}),
        "ballots:vote": ("elector", VOTE, {"choice": cta}),
        "ballots:vote#step2": ("elector", VOTE, {"choice": cta, "password": PASSWORD,
                                                 "confirm": "1"}),
        "ballots:audit": ("anonymous", "/audit/", {"audit": "{}"}),
        "set_language": ("anonymous", "/i18n/setlang/", {"language": "en", "next": "/faq/"}),
        "admin:login": ("anonymous", "/admin/login/", {"username": "elec2@ac-grenoble.fr",
                                                       "password": PASSWORD}),
    }  # fmt: skip


# URL names that take no POST of ours (pages, files, the admin's own forms behind its login).
NO_FORM = {
    "home", "faq", "assistance", "accessibility", "healthz", "captcha-image",
    "captcha-image-2x", "captcha-audio", "captcha-refresh", "webmail:inbox", "webmail:message",
    "webmail:lost", "ballots:elector_home", "accounts:signup_done",
    "accounts:resend_confirmation_done", "accounts:captcha_audio",
    "accounts:password_reset_done", "accounts:password_reset_complete",
    "accounts:password_change_done", "ballots:profile", "ballots:results", "ballots:result",
    "ballots:proces_verbal", "ballots:box", "ballots:box_download", "ballots:boxes",
    "ballots:turnout", "ballots:booth",
    "ballots:my_scrutins",
    "ballots:scrutin", "ballots:roll", "ballots:profession_de_foi", "ballots:logo",
}  # fmt: skip


def url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                names.add("admin:login")  # the one admin form open to anyone
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_of_the_portal_is_fuzzed_or_takes_no_form(scrutins, choice_of):
    fuzzed = {name.split("#")[0] for name in form_table(scrutins, choice_of)}
    assert url_names(get_resolver().url_patterns) == fuzzed | NO_FORM


def post(client: Client, path: str, fields: dict, fuzzed: str, value):
    if value is INVALID_UTF8:
        valid = urlencode({k: v for k, v in fields.items() if k != fuzzed}).encode()
        body = valid + b"&" + fuzzed.encode() + b"=\xff\xfe%FF%C3%28\xc3"
        return client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")
    return client.post(path, {**fields, fuzzed: value})


def assert_no_header_injection() -> None:
    for message in mail.outbox:
        for name, header in message.message().items():
            assert "\n" not in header.replace("\n ", "").replace("\r\n ", ""), (name, header)
        assert "\r" not in message.subject and "\n" not in message.subject
    for subject in Message.objects.values_list("subject", flat=True):
        assert "\r" not in subject and "\n" not in subject


@pytest.fixture
def clients(electors, sealed, clock, make_elector):
    """A client per situation; the elector one is logged in (the clock is during the vote)."""

    pending = make_elector("pending")
    pending.confirmed_at = None
    pending.set_password(NEW_PASSWORD)
    pending.save()

    def make(who: str) -> tuple[Client, str]:
        client = Client()
        if who == "anonymous":
            return client, ""
        user = electors[0]
        if who == "confirm":  # the page a confirmation link opens, for a pending account
            pending = User.objects.get(email="pending@ac-grenoble.fr")
            return client, f"/electeur/confirmer/{confirmation_token(pending, at=clock.now)}/"
        if who == "reset":  # the link of a reset mail, opened: the form's URL
            client.post("/electeur/mot-de-passe-oublie/", {"email": user.email})
            body = Message.objects.filter(agent=user.agent).latest("id").body_text
            link = re.search(r"http://testserver(/electeur/reinitialiser/\S+/)", body).group(1)
            response = client.get(link)
            assert response.status_code == 302
            return client, response["Location"]
        client.force_login(user)
        if who == "elector-early":
            clock.set(paris(2014, 11, 1, 12, 0))  # profile requests are open
        return client, ""

    return make


@pytest.mark.parametrize("value_name", list(VALUES))
def test_no_form_answers_500_writes_anything_or_injects_a_mail_header(
    value_name, clients, scrutins, choice_of, clock, row_counts
):
    value = VALUES[value_name]
    for name, (who, path, fields) in form_table(scrutins, choice_of).items():
        for fuzzed in [None, *fields]:  # None: every field at once
            clock.set(paris(2014, 12, 1, 12, 0))
            client, reset_path = clients(who)
            targets = fields if fuzzed is None else [fuzzed]
            before = row_counts()
            mail.outbox.clear()
            if value is INVALID_UTF8 or fuzzed is not None:
                response = post(client, reset_path or path, fields, fuzzed or next(iter(fields)),
                                value)  # fmt: skip
            else:
                response = client.post(reset_path or path, dict.fromkeys(fields, value))
            where = f"{name} {value_name} in {fuzzed or 'every field'}"
            assert response.status_code < 500, where
            assert_no_header_injection()
            may_write = value_name in HARMLESS or (
                value_name == "crlf" and set(targets) <= TEXTAREAS
            )
            if not may_write:
                assert row_counts() == before, where


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("abc\x00def@ac-grenoble.fr", "abc\\x00def@ac-grenoble.fr"),
        ("a\r\nb@ac-grenoble.fr", "a\\r\\nb@ac-grenoble.fr"),
        ("x" * 100_000, "x" * 254 + "…"),
    ],
)
def test_a_refused_login_with_any_input_is_recorded_escaped_and_cut(typed, kept, client, db):
    response = client.post("/electeur/connexion/", {"username": typed, "password": "secret"})
    assert response.status_code == 200
    assert "caractère invisible" in response.content.decode() or len(typed) > 254
    event = AuditEvent.objects.get(kind="login_failed")
    assert event.subject == kept.lower()


def test_a_mail_subject_with_a_line_break_is_sent_on_one_line(db):
    mail.outbox.clear()
    compose_mail(
        to="someone@example.org",
        subject="Scrutin\r\nBcc: victim@example.org",
        template="accounts/mail/existing_account.txt",
        context={"user": {"email": "someone@example.org"}},
        tag="[Electionspro2014]",
    ).send()
    [sent] = mail.outbox
    assert sent.subject == "[Electionspro2014] Scrutin Bcc: victim@example.org"
    assert_no_header_injection()
