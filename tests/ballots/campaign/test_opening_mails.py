"""send_opening_emails: once per agent on a roll, resumable after a crash, batched or queued."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from ballots.models import OpeningMail
from ballots.services.opening_mails import opening_mails_send


@pytest.fixture(autouse=True)
def webmail_delivery(settings):
    """Most tests here read the mail handed to the mailer (locmem); the last one uses the inbox."""
    settings.MAILERS = {
        **settings.MAILERS,
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


SUBJECT = "[Electionspro2014] Elections professionnelles 2014 : ouverture de votre espace électeur"


@pytest.fixture
def rolls(campaign, directory, make_scrutin, enrol, make_agent):
    cta, ctm = make_scrutin("CTA-GRE"), make_scrutin("CTM-MEN")
    for agent in directory.values():
        enrol(agent, cta, ctm)
    gone = make_agent("08E0000001AAA", "Parti", "Ancien", is_active=False)
    enrol(gone, cta)
    make_agent("08E0000002AAA", "Hors", "Liste")  # on no roll
    return directory


def mails_per_address() -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in mail.outbox:
        for address in message.to:
            counts[address] = counts.get(address, 0) + 1
    return counts


def test_every_active_agent_on_a_roll_gets_the_opening_mail_once(campaign, rolls, settings):
    settings.ELECTIONSPRO_SITE_URL = "https://elections.example.fr"
    call_command("send_opening_emails", campaign=campaign.slug)
    assert mails_per_address() == {
        "vincent.dupont@ac-grenoble.fr": 1,
        "valerie.dupont@ac-grenoble.fr": 1,
        "jean-francois.le-gall@ac-grenoble.fr": 1,
    }
    message = mail.outbox[0]
    assert message.subject == SUBJECT
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Ministère de l'éducation nationale" in message.from_email
    assert "https://elections.example.fr/electeur/" in message.body
    assert OpeningMail.objects.count() == 3


def test_a_rerun_sends_nothing_more(campaign, rolls):
    call_command("send_opening_emails", campaign=campaign.slug)
    call_command("send_opening_emails", campaign=campaign.slug)
    assert len(mail.outbox) == 3


def test_a_dry_run_counts_and_sends_nothing(campaign, rolls, capsys):
    call_command("send_opening_emails", campaign=campaign.slug, dry_run=True)
    assert "3 agent(s)" in capsys.readouterr().out
    assert mail.outbox == [] and not OpeningMail.objects.exists()


def test_a_crash_while_sending_rolls_back_its_batch_and_a_rerun_resumes_without_duplicates(
    campaign, rolls, monkeypatch
):
    real_send = EmailBackend.send_messages
    calls = {"count": 0}

    def crash_on_second_batch(self, messages):
        calls["count"] += 1
        if calls["count"] == 2:
            raise ConnectionError("relay down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", crash_on_second_batch)
    with pytest.raises(ConnectionError):
        opening_mails_send(campaign=campaign, batch_size=1)
    assert len(mail.outbox) == 1 and OpeningMail.objects.count() == 1

    opening_mails_send(campaign=campaign, batch_size=1)
    assert set(mails_per_address().values()) == {1}
    assert len(mail.outbox) == 3 and OpeningMail.objects.count() == 3


def test_queued_batches_send_the_same_mails(campaign, rolls, capsys):
    call_command("send_opening_emails", campaign=campaign.slug, queue=True, batch_size=2)
    assert "2 lot(s) mis en file" in capsys.readouterr().out
    assert len(mail.outbox) == 3 and OpeningMail.objects.count() == 3


def test_an_agent_added_to_a_roll_later_gets_it_at_the_next_run(campaign, rolls, make_agent, enrol):
    from ballots.models import Scrutin

    call_command("send_opening_emails", campaign=campaign.slug)
    newcomer = make_agent("08E0000003AAA", "Nouveau", "Arrivé")
    enrol(newcomer, Scrutin.objects.get(code="CTA-GRE"))
    call_command("send_opening_emails", campaign=campaign.slug)
    assert len(mail.outbox) == 4 and mail.outbox[-1].to == [newcomer.email]


def test_with_the_webmail_a_crash_after_delivery_rolls_back_and_each_inbox_gets_one_mail(
    campaign, rolls, settings, monkeypatch
):
    from django.utils.module_loading import import_string

    from webmail_auth.models import Message

    settings.MAILERS = {
        "default": {"BACKEND": "webmail_auth.mail.WebmailBackend"},
        "outgoing": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    backend = import_string("webmail_auth.mail.WebmailBackend")
    real_send = backend.send_messages
    calls = {"count": 0}

    def crash_after_the_second_delivery(self, messages):
        sent = real_send(self, messages)
        calls["count"] += 1
        if calls["count"] == 2:
            raise RuntimeError("worker killed before commit")
        return sent

    monkeypatch.setattr(backend, "send_messages", crash_after_the_second_delivery)
    with pytest.raises(RuntimeError):
        opening_mails_send(campaign=campaign, batch_size=1)
    assert Message.objects.filter(subject=SUBJECT).count() == 1
    opening_mails_send(campaign=campaign, batch_size=1)
    for address in rolls_addresses(rolls):
        assert Message.objects.filter(agent__email=address, subject=SUBJECT).count() == 1


def rolls_addresses(rolls) -> list[str]:
    return [agent.email for agent in rolls.values()]
