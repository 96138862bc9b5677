"""No enumeration by timing: the answers that could tell an account exists cost the same."""

import statistics
import time
from unittest import mock

import pytest

from accounts.models import User
from accounts.services import signup as signup_services
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


LOGIN_FLOOR = 0.4  # far above a test request, even on a loaded 2-core machine
LEAK = 0.03  # more work for an existing account than the 4 to 6 ms measured


def _gap(client, path: str, existing: dict, unknown: dict, *, runs: int = 30, of=None) -> float:
    """Answer time for the existing account minus the unknown one's, in seconds: medians of
    `runs` (or `of` another statistic), interleaved so a burst of load hits both."""
    times: dict[str, list[float]] = {"existing": [], "unknown": []}
    for _run in range(runs):
        for case, data in (("existing", existing), ("unknown", unknown)):
            started = time.perf_counter()
            client.post(path, data)
            times[case].append(time.perf_counter() - started)
    statistic = of or statistics.median
    return statistic(times["existing"]) - statistic(times["unknown"])


def _slower(function):
    def slower(*args, **kwargs):
        time.sleep(LEAK)
        return function(*args, **kwargs)

    return slower


def test_login_answers_after_the_same_floor_for_an_existing_and_an_unknown_account(
    client, settings, valerie_account, monkeypatch
):
    settings.AXES_FAILURE_LIMIT = 1000  # wrong passwords, again and again, never locked
    monkeypatch.setattr(User, "check_password", _slower(User.check_password))
    existing = {"username": valerie_account.email, "password": "Mauvais2014x"}
    unknown = {"username": "personne.inconnue@ac-grenoble.fr", "password": "Mauvais2014x"}
    login = "/electeur/connexion/"

    settings.UNIFORM_LOGIN_SECONDS = 0
    assert _gap(client, login, existing, unknown, runs=10, of=min) > LEAK / 2  # unpadded
    settings.UNIFORM_LOGIN_SECONDS = LOGIN_FLOOR
    assert abs(_gap(client, login, existing, unknown)) < 0.01


def test_a_successful_login_is_not_held(client, settings, valerie_account, password):
    settings.UNIFORM_LOGIN_SECONDS = LOGIN_FLOOR
    durations = []
    for _run in range(5):
        started = time.perf_counter()
        response = client.post(
            "/electeur/connexion/", {"username": valerie_account.email, "password": password}
        )
        durations.append(time.perf_counter() - started)
        assert response.status_code == 302
        client.post("/electeur/deconnexion/")

    assert statistics.median(durations) < LOGIN_FLOOR  # it tells nothing to a stranger


def test_sign_up_answers_after_the_same_floor_for_an_existing_and_an_unknown_account(
    client, settings, valerie_account, signup_data, monkeypatch
):
    existing_mail = _slower(signup_services.send_existing_account_mail)
    monkeypatch.setattr(signup_services, "send_existing_account_mail", existing_mail)
    existing = signup_data(valerie_account.email)
    unknown = signup_data("personne.inconnue@ac-grenoble.fr")
    signup = "/electeur/creer-compte/"

    settings.UNIFORM_LOGIN_SECONDS = 0
    assert _gap(client, signup, existing, unknown, runs=10, of=min) > LEAK / 2  # unpadded
    settings.UNIFORM_LOGIN_SECONDS = LOGIN_FLOOR
    assert abs(_gap(client, signup, existing, unknown)) < 0.01


def test_the_floor_is_waited_outside_the_password_checking_slots(settings):
    stack = settings.MIDDLEWARE
    assert stack.index("accounts.timing.AnswerFloorMiddleware") < stack.index(
        "electionspro.loadshed.LoadSheddingMiddleware"
    )
