"""Settings for `make bench`: production settings on loopback HTTP, plus the baselines.

The baseline views of bench/baseline.py are mounted only here (ROOT_URLCONF), never in
production. Secrets default to throwaway values: the bench database holds synthetic
data only.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
os.environ.setdefault("ELECTIONSPRO_NUMEN_PEPPER", "bench-only-numen-pepper")
os.environ.setdefault("DJANGO_DEBUG", "0")

from .base import *  # noqa: F403
from .base import BASE_DIR, LOGGING

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Plain HTTP on the loopback: no redirect, no Secure cookies, no HSTS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = BASE_DIR / "bench-data" / "static"
# The bench's synthetic electors log in thousands of times from 127.0.0.1.
LOGGING = {
    **LOGGING,
    "root": {**LOGGING["root"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
