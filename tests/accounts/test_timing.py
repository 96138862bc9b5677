"""No enumeration by timing: the answers that could tell an account exists cost the same."""

import time
from unittest import mock

import pytest

from core import mails
from webmail_auth.models import Message

pytestmark = pytest.mark.django_db

FLOOR = 0.2


def _duration(client, path: str, data: dict) -> float:
    started = time.monotonic()
    response = client.post(path, data)
    assert response.status_code == 302
    return time.monotonic() - started


@pytest.mark.parametrize(
    "path", ["/electeur/mot-de-passe-oublie/", "/electeur/nouveau-lien/"], ids=["reset", "resend"]
)
def test_reset_and_resend_answer_after_the_same_floor_whether_or_not_a_mail_goes_out(
    client, settings, valerie_account, vincent, path
):
    settings.UNIFORM_ANSWER_SECONDS = FLOOR
    valerie_account.confirmed_at = None  # the resend form mails unconfirmed accounts only
    valerie_account.save()

    known = _duration(client, path, {"email": valerie_account.email})
    unknown = _duration(client, path, {"email": "personne.inconnue@ac-grenoble.fr"})
    no_account = _duration(client, path, {"email": vincent.email})

    assert Message.objects.count() == 1  # only the known address got a mail
    assert min(known, unknown, no_account) >= FLOOR


def test_every_signup_branch_composes_one_mail_even_when_none_is_sent(
    client, vincent, valerie_account, signup_data
):
    addresses = {
        "unknown": "personne.inconnue@ac-grenoble.fr",
        "existing": valerie_account.email,
        "new": vincent.email,
    }
    for case, email in addresses.items():
        with mock.patch.object(mails, "render_to_string", wraps=mails.render_to_string) as render:
            client.post("/electeur/creer-compte/", signup_data(email))
        assert render.call_count == 1, case
    assert Message.objects.count() == 2  # unknown: composed, never sent
