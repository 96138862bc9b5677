"""The inbox and one message: only the agent's own mail, newest first, links clickable."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from webmail_auth.models import Message

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def deliver():
    """deliver(agent, subject, at=..., text=..., html=...): a message in an inbox."""

    def make(
        agent,
        subject,
        *,
        at=None,
        text="Bonjour.",
        html="",
        sender="Ministère <m@education.gouv.fr>",
    ):
        return Message.objects.create(
            agent=agent,
            sender=sender,
            subject=subject,
            body_text=text,
            body_html=html,
            sent_at=at or datetime(2014, 10, 15, 9, 30, tzinfo=PARIS),
        )

    return make


@pytest.fixture
def logged_in(client, vincent, webmail_login):
    webmail_login(client, vincent)
    return client


def test_the_inbox_lists_the_agents_messages_newest_first_with_sender_and_paris_time(
    logged_in, vincent, deliver
):
    deliver(vincent, "Ancien", at=datetime(2014, 10, 1, 8, 0, tzinfo=PARIS))
    deliver(
        vincent,
        "Ouverture de votre espace électeur",
        at=datetime(2014, 10, 15, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    content = logged_in.get("/webmail/").content.decode()
    assert content.index("Ouverture de votre espace électeur") < content.index("Ancien")
    assert "Ministère &lt;m@education.gouv.fr&gt;" in content
    # 23:30 UTC is 01:30 the next day in Paris (summer time).
    assert "16 octobre 2014, 01:30" in content


def test_unread_messages_are_marked_in_words_not_only_by_colour(logged_in, vincent, deliver):
    deliver(vincent, "Nouveau")
    content = logged_in.get("/webmail/").content.decode()
    assert "Non lu" in content
    assert "1 message non lu" in content


def test_opening_a_message_shows_it_and_marks_it_read(logged_in, vincent, deliver):
    message = deliver(
        vincent, "Bienvenue", text="Votre espace : https://elections.example/electeur/ ."
    )
    response = logged_in.get(f"/webmail/messages/{message.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bienvenue</h1>" in content
    assert '<a href="https://elections.example/electeur/" rel="nofollow">' in content
    message.refresh_from_db()
    assert message.is_read
    assert "Aucun message non lu" in logged_in.get("/webmail/").content.decode()


def test_another_agents_message_is_a_404(logged_in, directory, deliver):
    valerie = directory.get(identifier="vdupont2")
    hers = deliver(valerie, "Privé")
    response = logged_in.get(f"/webmail/messages/{hers.pk}/")
    assert response.status_code == 404
    hers.refresh_from_db()
    assert not hers.is_read
    assert "Privé" not in logged_in.get("/webmail/").content.decode()


def test_markup_in_a_text_mail_is_shown_as_text(logged_in, vincent, deliver):
    message = deliver(
        vincent, "<b>Objet</b>", text="<script>alert(1)</script> voir http://a.example/?x=1&y=2"
    )
    content = logged_in.get(f"/webmail/messages/{message.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;b&gt;Objet&lt;/b&gt;" in content
    assert 'href="http://a.example/?x=1&amp;y=2"' in content


def test_an_html_only_mail_is_shown_as_text_with_its_links(logged_in, vincent, deliver):
    html = (
        '<p onclick="steal()">Cliquez <a href="https://elections.example/confirmer/abc/">ici</a>'
        '<img src="https://tracker.example/x.png"><script>alert(1)</script>'
        '<a href="javascript:alert(2)">piège</a></p>'
    )
    message = deliver(vincent, "HTML", text="", html=html)
    content = logged_in.get(f"/webmail/messages/{message.pk}/").content.decode()
    assert 'href="https://elections.example/confirmer/abc/"' in content
    assert "Cliquez ici" in content
    for unsafe in ("onclick", "tracker.example", "alert(1)", "javascript:"):
        assert unsafe not in content


def test_the_inbox_is_paginated(logged_in, vincent, deliver):
    for number in range(25):
        deliver(
            vincent,
            f"Message {number:02d}",
            at=datetime(2014, 10, 1, tzinfo=PARIS) + timedelta(hours=number),
        )
    first = logged_in.get("/webmail/").content.decode()
    second = logged_in.get("/webmail/?page=2").content.decode()
    assert "Message 24" in first and "Message 05" in first and "Message 04" not in first
    assert "Message 04" in second and "Message 00" in second and "Message 05" not in second
    assert "Page suivante" in first and "2 / 2" in second
    assert logged_in.get("/webmail/?page=9").status_code == 404


def test_mail_sent_through_django_lands_in_the_inbox(logged_in, vincent):
    mail.send_mail("Test", "Lien : https://x.example/", None, ["Vincent.Dupont@AC-Grenoble.fr"])
    content = logged_in.get("/webmail/").content.decode()
    assert "Test" in content
