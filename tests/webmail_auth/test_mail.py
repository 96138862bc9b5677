"""The webmail mail backend: academic mail in the inbox, the rest out, one transaction."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from webmail_auth.models import Message, UndeliverableMail


def test_mail_to_a_known_academic_address_lands_in_that_agents_inbox(vincent):
    sent = send_mail("Ouverture", "Bonjour Vincent", "ministere@education.gouv.fr", [vincent.email])
    assert sent == 1
    message = Message.objects.get()
    assert (message.agent, message.subject, message.body_text) == (
        vincent,
        "Ouverture",
        "Bonjour Vincent",
    )
    assert message.sender == "ministere@education.gouv.fr"
    assert message.read_at is None
    assert mail.outbox == []


def test_addresses_are_matched_whatever_their_case_and_display_name(vincent):
    send_mail("Casse", "x", None, ["Vincent Dupont <VINCENT.Dupont@Ac-Grenoble.FR>"])
    assert Message.objects.get().agent == vincent


def test_cc_and_bcc_recipients_are_delivered_too_and_once_each(directory):
    vincent = directory.get(identifier="vdupont")
    valerie = directory.get(identifier="vdupont2")
    jean = directory.get(identifier="jlegall")
    EmailMessage(
        "Copies", "x", None, to=[vincent.email], cc=[valerie.email, vincent.email], bcc=[jean.email]
    ).send()
    assert sorted(Message.objects.values_list("agent__identifier", flat=True)) == [
        "jlegall",
        "vdupont",
        "vdupont2",
    ]


def test_mail_to_an_unknown_academic_address_is_recorded_as_undeliverable(academie):
    send_mail("Perdu", "x", "a@education.gouv.fr", ["personne.inconnue@ac-grenoble.fr"])
    undeliverable = UndeliverableMail.objects.get()
    assert undeliverable.recipient == "personne.inconnue@ac-grenoble.fr"
    assert undeliverable.subject == "Perdu"
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_other_recipients_are_handed_to_the_outgoing_mailer(vincent):
    EmailMessage(
        "Mixte", "x", None, to=[vincent.email, "someone@example.org"], bcc=["audit@example.net"]
    ).send()
    assert Message.objects.filter(agent=vincent).count() == 1
    assert len(mail.outbox) == 1
    outgoing = mail.outbox[0]
    assert outgoing.recipients() == ["someone@example.org", "audit@example.net"]
    assert outgoing.sent_using == "outgoing"
    # The visible headers still name every addressee; the Bcc stays hidden.
    headers = outgoing.message()
    assert vincent.email in headers["To"] and "audit@example.net" not in str(headers)


def test_the_html_part_is_kept_beside_the_text(vincent):
    message = EmailMultiAlternatives("HTML", "texte", None, [vincent.email])
    message.attach_alternative("<p>texte <b>riche</b></p>", "text/html")
    message.send()
    stored = Message.objects.get()
    assert (stored.body_text, stored.body_html) == ("texte", "<p>texte <b>riche</b></p>")


def test_delivery_belongs_to_the_callers_transaction(vincent):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Annulé", "x", None, [vincent.email])
        raise RuntimeError("the caller fails after sending")
    assert Message.objects.count() == 0


def test_a_list_of_messages_costs_a_fixed_number_of_queries(directory):
    from django.core.mail import mailers

    agents = list(directory.all())
    messages = [
        EmailMessage(f"Message {n}", "x", None, [agent.email, "x@ac-grenoble.fr"])
        for n, agent in enumerate(agents * 10)
    ]
    with CaptureQueriesContext(connection) as queries:
        sent = mailers.default.send_messages(messages)
    assert sent == len(messages) == 140
    assert Message.objects.count() == 140
    assert UndeliverableMail.objects.count() == 140
    assert len(queries.captured_queries) <= 6


def test_an_inactive_agent_gets_no_mail(vincent):
    vincent.is_active = False
    vincent.save()
    send_mail("Parti", "x", None, [vincent.email])
    assert Message.objects.count() == 0
    assert UndeliverableMail.objects.count() == 1


def test_nothing_is_sent_without_recipients(db):
    from django.core.mail import mailers

    assert mailers.default.send_messages([EmailMessage("Vide", "x", None, [])]) == 0
