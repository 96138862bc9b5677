"""Settings for pytest: a fast hasher, in-memory mail, no HTTPS redirect."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ELECTIONSPRO_NUMEN_PEPPER", "test-only-numen-pepper")

from .base import *  # noqa: F403
from .base import MAILERS

DEBUG = False
# Tests that check the stored hash opt into the real Argon2id hasher with override_settings.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test runner swaps mailers for locmem; tests/conftest.py puts the webmail back.
MAILERS = {**MAILERS, "outgoing": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
# django-simple-captcha reads this once at import: the answer PASSED is accepted.
CAPTCHA_TEST_MODE = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
# No padding of the no-enumeration answers (tests/accounts/test_timing.py sets one).
UNIFORM_ANSWER_SECONDS = UNIFORM_LOGIN_SECONDS = 0
# Static files straight from the finders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
