"""Startup checks: the client address must be the one the settings promise.

Behind DJANGO_PROXY_COUNT reverse proxies every connection comes from the last proxy, so
the lockout and the audit trail must read the client's address from the proxies'
X-Forwarded-For, which only django-ipware applies (django-axes silently falls back to
the connection's address without it: one address for everyone, and anyone could lock an
elector out). The check resolves a forged chain with the configured settings and refuses
to start unless the address found is the client's.
"""

from django.conf import settings
from django.core import checks
from django.http import HttpRequest

from . import audit

CLIENT, FORGED, LAST_PROXY = "198.51.100.7", "203.0.113.66", "192.0.2.254"


def _request_through(proxies: int) -> HttpRequest:
    """A request from CLIENT, who wrote FORGED into X-Forwarded-For, through `proxies`
    proxies that each append the address they received from."""
    request = HttpRequest()
    if proxies == 0:
        request.META = {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": FORGED}
        return request
    inner = [f"192.0.2.{n}" for n in range(1, proxies)]
    chain = ", ".join([FORGED, CLIENT, *inner])
    request.META = {"REMOTE_ADDR": LAST_PROXY, "HTTP_X_FORWARDED_FOR": chain}
    return request


@checks.register(checks.Tags.security)
def client_address_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if getattr(settings, "AXES_CLIENT_IP_CALLABLE", None):
        return [
            checks.Error(
                "AXES_CLIENT_IP_CALLABLE est défini : le verrouillage et le journal "
                "liraient des adresses différentes.",
                hint="Retirez-le ; indiquez DJANGO_PROXY_COUNT.",
                id="core.E001",
            )
        ]
    if proxies and audit.get_client_ip is None:
        return [
            checks.Error(
                f"DJANGO_PROXY_COUNT vaut {proxies} mais django-ipware n'est pas installé : "
                "l'adresse du client serait celle du proxy pour tout le monde.",
                hint="Installez les dépendances (requirements.txt), ou DJANGO_PROXY_COUNT=0.",
                id="core.E002",
            )
        ]
    try:
        found = audit.client_ip(_request_through(proxies))
    except ValueError as error:  # ipware refuses a malformed setting
        found = f"erreur : {error}"
    if found != CLIENT:
        return [
            checks.Error(
                f"Avec DJANGO_PROXY_COUNT={proxies}, l'adresse d'un client derrière les proxys "
                f"n'est pas retrouvée ({found!r} au lieu de {CLIENT!r}).",
                hint="Ne modifiez pas AXES_IPWARE_* ni IPWARE_* : seul DJANGO_PROXY_COUNT "
                "se règle (electionspro/settings/environment.py).",
                id="core.E003",
            )
        ]
    return []
