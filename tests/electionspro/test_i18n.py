"""The English translation: chosen in the language menu, it covers the pages an agent walks
through and the mails they receive; the catalogue has no untranslated, fuzzy or stale entry."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd%]")


def _unquote(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text[1:-1]
    )


def _entries() -> list[dict]:
    """The catalogue's entries (header excluded): msgid, msgid_plural, msgstr[...], flags."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set(), "obsolete": False}
        field = None
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += _unquote(line)
            else:
                field, _space, value = line.partition(" ")
                entry[field] = _unquote(value)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def _translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_the_catalogue_has_every_message_translated_and_nothing_fuzzy_or_stale():
    entries = _entries()
    assert len(entries) > 500, "the catalogue looks truncated"
    untranslated = [e["msgid"] for e in entries if not all(_translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    stale = [e["msgid"] for e in entries if e["obsolete"]]
    assert untranslated == [], "make messages, then translate: msgattrib --untranslated"
    assert fuzzy == [], "review, then drop the fuzzy flag: msgattrib --only-fuzzy"
    assert stale == [], "make messages drops obsolete entries (--no-obsolete)"


def test_translations_keep_every_placeholder_of_the_french_text():
    for entry in _entries():
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        for index, translation in enumerate(_translations(entry)):
            source = sources[min(index, 1)]
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                PLACEHOLDER.findall(source)
            ), f"{source!r} -> {translation!r}"


def test_the_compiled_catalogue_matches_the_po_file():
    """CI may lack gettext, so the .mo is committed: it must be recompiled after each edit."""
    with COMPILED.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    for entry in _entries():
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            for n, key in ((1, "msgstr[0]"), (5, "msgstr[1]")):
                forms = (entry["msgid"], entry["msgid_plural"], n)
                found = catalog.npgettext(context, *forms) if context else catalog.ngettext(*forms)
                assert found == entry[key], "run make messages"
        else:
            msgid = entry["msgid"]
            found = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
            assert found == entry["msgstr"], "run make messages"


@pytest.fixture
def english(client):
    """A browser that picked English in the language menu."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title", "english_text", "french_text"),
    [
        ("/", "Home", "Where to start", "Par où commencer"),
        ("/faq/", "Frequently asked questions", "What are the password rules?", "Quelles règles"),
        (
            "/webmail/connexion/",
            "Log in to the academic webmail",
            "Log in with your identifier and your NUMEN",
            "Identifiez-vous",
        ),
        (
            "/electeur/connexion/",
            "Log in to your voter area",
            "Your password is not your NUMEN",
            "Mot de passe oublié",
        ),
        (
            "/electeur/creer-compte/",
            "Create my account",
            "Type the security code",
            "Recopiez le code",
        ),
    ],
)
def test_after_choosing_english_the_pages_read_in_english(
    english, url, title, english_text, french_text
):
    response = english.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in html
    assert f"<title>{title} — Professional elections</title>" in html
    assert english_text in html
    assert french_text not in html
    assert "Voter area" in html and "Change language" in html  # header menu


@pytest.mark.django_db
def test_form_errors_are_in_english_too(english):
    response = english.post("/webmail/connexion/", {"username": "vdupont", "password": "x"})
    html = response.content.decode()
    assert "Incorrect identifier or password." in html
    assert "Identifiant ou mot de passe incorrect" not in html


@pytest.mark.django_db
def test_dates_are_written_the_english_way(english):
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext, override

    moment = timezone.make_aware(timezone.datetime(2014, 12, 4, 17, 0))
    with override("en"):
        assert date_format(moment, gettext("l j F Y à H:i")) == "Thursday 4 December 2014 at 17:00"
    with override("fr"):
        assert date_format(moment, gettext("l j F Y à H:i")) == "jeudi 4 décembre 2014 à 17:00"


@pytest.mark.django_db
def test_an_agent_who_signs_up_in_english_gets_the_confirmation_mail_in_english(english):
    from webmail_auth.models import Academie, Agent, Message

    academie = Academie.objects.create(
        code="grenoble", name="Grenoble", mail_domain="ac-grenoble.fr", numen_code="08"
    )
    agent = Agent.objects.create(
        numen_digest="digest-vdupont",
        first_name="Vincent",
        surname="Dupont",
        academie=academie,
        identifier="vdupont",
        email="vincent.dupont@ac-grenoble.fr",
    )
    english.post(
        "/electeur/creer-compte/",
        {
            "email": agent.email,
            "password1": "Bonjour2014x",
            "password2": "Bonjour2014x",
            "captcha_0": "test-key",
            "captcha_1": "PASSED",
        },
    )
    mail = Message.objects.get(agent=agent)
    assert "Confirm the creation of your voter account" in mail.subject
    assert "To activate your account, open this link and type the password" in mail.body_text
    assert "Bonjour" not in mail.body_text


def test_french_stays_the_default_language():
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _name in settings.LANGUAGES] == ["fr", "en"]


@pytest.mark.django_db
def test_an_english_request_leaves_the_worker_thread_in_french(english):
    """What runs outside the locale middleware (the load-shedding 503 page, services called
    by commands) must not inherit the language of the previous request."""
    from django.utils.translation import get_language

    assert english.get("/faq/").headers["Content-Language"] == "en"
    assert get_language() == "fr"
