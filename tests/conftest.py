"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def webmail_delivery(settings):
    """Django's test set-up swaps every mailer for locmem: put the webmail back, so mail
    to academic addresses lands in the inbox as in production; outgoing mail stays in memory."""
    settings.MAILERS = {
        **settings.MAILERS,
        "default": {"BACKEND": "webmail_auth.mail.WebmailBackend"},
        "outgoing": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: rendered fragments are keyed by database ids,
    which rolled-back tests reuse."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def row_counts(db):
    """row_counts(): rows per table, but for the bookkeeping an attempt may write whatever
    its outcome (audit trail, lockout counters, sessions, captchas); to prove nothing else
    was written."""
    from django.apps import apps

    bookkeeping = {
        "core.auditevent",
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
        "sessions.session",
        "captcha.captchastore",
    }

    def counts() -> dict[str, int]:
        return {
            model._meta.label_lower: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.managed and model._meta.label_lower not in bookkeeping
        }

    return counts
