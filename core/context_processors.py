"""What every page's shell needs: the portal's identity and the current menu item."""

from functools import cache

from django.conf import settings
from django.urls import reverse

from .lockout import lockout_policy

# The main menu: (its key, the URL name, whether a sub-page also makes it current).
MENU = (
    ("home", "home", False),
    ("webmail", "webmail:inbox", True),
    ("elector", "ballots:elector_home", True),
    ("results", "ballots:results", True),
    ("faq", "faq", False),
    ("assistance", "assistance", False),
)


@cache
def menu_urls() -> tuple[tuple[str, str, bool], ...]:
    """The menu's URLs, reversed once per process (the URLconf does not change)."""
    return tuple((key, reverse(name), section) for key, name, section in MENU)


def current_menu_item(path: str) -> str:
    """The key of the menu item that `path` belongs to, or "" (aria-current in the menu)."""
    for key, url, section in menu_urls():
        if path == url or (section and path.startswith(url)):
            return key
    return ""


def portal(request) -> dict:
    """The portal's identity and contacts, the menu item of this page, and the login
    lockout's numbers (LOCKOUT.failures, LOCKOUT.minutes) for the pages that state them."""
    return {
        "PORTAL": settings.PORTAL,
        "menu_current": current_menu_item(request.path),
        "LOCKOUT": lockout_policy(request),
    }
