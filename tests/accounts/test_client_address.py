"""Behind reverse proxies the lockout and the audit trail see the client's own address,
read from the proxies' X-Forwarded-For: nobody can lock an elector out from elsewhere."""

import pytest
from axes.models import AccessAttempt
from django.core import checks
from django.test import Client, override_settings

import core.audit
from core.checks import client_address_check
from core.events import EventKind
from core.models import AuditEvent
from electionspro.settings.environment import client_address_settings

pytestmark = pytest.mark.django_db

LOGIN = "/electeur/connexion/"
WRONG = "Mauvais2014"
ATTACKER, ELECTOR = "198.51.100.66", "203.0.113.20"
LAST_PROXY, INNER_PROXY = "10.0.0.1", "10.0.0.2"


def behind(proxies: int):
    """The settings a deployment with DJANGO_PROXY_COUNT=proxies gets."""
    return override_settings(PROXY_COUNT=proxies, **client_address_settings(proxies))


def through_proxies(proxies: int, address: str, forged: str | None = None) -> Client:
    """A browser at `address` (sending `forged` as X-Forwarded-For, if any) behind `proxies`
    proxies that each append the address they received from."""
    chain = [forged] if forged else []
    chain += [address, INNER_PROXY][:proxies]
    return Client(REMOTE_ADDR=LAST_PROXY, HTTP_X_FORWARDED_FOR=", ".join(chain))


@pytest.mark.parametrize("proxies", [1, 2])
def test_five_failures_behind_the_proxies_do_not_lock_the_elector_out_from_elsewhere(
    proxies, valerie_account, password
):
    attacker = through_proxies(proxies, ATTACKER, forged=ELECTOR)  # pretends to be her
    with behind(proxies):
        for _attempt in range(5):
            attacker.post(LOGIN, {"username": valerie_account.email, "password": WRONG})
        blocked = attacker.post(LOGIN, {"username": valerie_account.email, "password": password})
        elector = through_proxies(proxies, ELECTOR)
        response = elector.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert blocked.status_code == 429  # the attacker's own address is locked
    assert response.status_code == 302  # she, from hers, logs in
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    failures = AuditEvent.objects.filter(kind=EventKind.LOGIN_FAILED)
    assert set(failures.values_list("client_ip", flat=True)) == {ATTACKER}  # the same address
    login = AuditEvent.objects.get(kind=EventKind.LOGIN_SUCCEEDED)
    assert login.client_ip == ELECTOR


def test_without_a_proxy_a_forged_header_is_ignored(valerie_account):
    client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=ELECTOR)
    with behind(0):
        client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})

    assert AccessAttempt.objects.get().ip_address == ATTACKER
    assert AuditEvent.objects.get(kind=EventKind.LOGIN_FAILED).client_ip == ATTACKER


def _check_ids() -> list[str]:
    return [message.id for message in client_address_check() if message.level >= checks.ERROR]


@pytest.mark.parametrize("proxies", [0, 1, 2, 3])
def test_the_startup_check_accepts_the_settings_made_for_each_proxy_count(proxies):
    with behind(proxies):
        assert _check_ids() == []


def test_the_startup_check_refuses_a_proxy_count_without_django_ipware(monkeypatch):
    monkeypatch.setattr(core.audit, "get_client_ip", None)

    with behind(1):
        assert _check_ids() == ["core.E002"]
    with behind(0):
        assert _check_ids() == []  # without proxies the connection's address is the client's


def test_the_startup_check_refuses_proxy_settings_that_do_not_match_the_count():
    with override_settings(PROXY_COUNT=2, **client_address_settings(1)):
        assert _check_ids() == ["core.E003"]
    with override_settings(PROXY_COUNT=1, **client_address_settings(0)):
        assert _check_ids() == ["core.E003"]  # the proxy's address for everyone
    with behind(1), override_settings(AXES_CLIENT_IP_CALLABLE=lambda request: "192.0.2.1"):
        assert _check_ids() == ["core.E001"]


def test_a_negative_proxy_count_is_refused_in_french():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DJANGO_PROXY_COUNT vaut -1"):
        client_address_settings(-1)
