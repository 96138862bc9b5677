"""Base settings, read from the environment (the variables are listed in docs/interface.md).

No secret has a production default: with DJANGO_DEBUG=0, a missing
DJANGO_SECRET_KEY or ELECTIONSPRO_NUMEN_PEPPER stops the start-up with a
sentence that says what to set.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import (
    client_address_settings,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_secret,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY",
    debug=DEBUG,
    dev_value="django-insecure-demo-only-never-use-in-production-0123456789abcdef",
    hint="une chaîne aléatoire d'au moins 50 caractères, par exemple "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
)

# Keyed hash of NUMENs (see webmail_auth/numen.py and docs/security.md).
# Kept outside the database: a stolen dump alone does not let anyone test NUMENs.
NUMEN_PEPPER = env_secret(
    "ELECTIONSPRO_NUMEN_PEPPER",
    debug=DEBUG,
    dev_value="demo-only-numen-pepper",
    hint="une chaîne aléatoire d'au moins 32 caractères, gardée hors de la base",
)
# Only while rotating the pepper: the old value, so agents not yet re-keyed still match.
NUMEN_PEPPER_PREVIOUS = os.environ.get("ELECTIONSPRO_NUMEN_PEPPER_PREVIOUS", "").strip()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "captcha",
    "django_tasks_db",
    "electionspro",
    "core",
    "webmail_auth",
    "accounts",
    "ballots",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.timing.AnswerFloorMiddleware",
    "electionspro.loadshed.LoadSheddingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SlidingSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "electionspro.urls"
WSGI_APPLICATION = "electionspro.wsgi.application"
ASGI_APPLICATION = "electionspro.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
    )
}
# Two caches, each local to its process. "fragments" holds rendered parts of pages that depend
# only on the language, the deployment, or a sealed (frozen) campaign: they need no invalidation.
LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": {"BACKEND": LOCMEM_CACHE, "LOCATION": "default"},
    "fragments": {
        "BACKEND": LOCMEM_CACHE,
        "LOCATION": "fragments",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: the elector logs in with the professional address; admins use the same model.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ballots:elector_home"
LOGOUT_REDIRECT_URL = "home"
# Extension point of core.mails: the function that gives the current campaign's mail tag.
MAIL_TAG_SOURCE = "ballots.selectors.current_mail_tag"
# Confirmation links (accounts/tokens.py) and reset links live 3 days and serve once.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Argon2id at OWASP parameters first: older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# The seed's rule plus Django's checks (accounts/validators.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "accounts.validators.MixedCaseAndDigitValidator"},
    {
        "NAME": "accounts.validators.NotLikeMyNameValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Lockout after 5 failures per (username, client address): never by address alone,
# a reverse proxy or a school's NAT would lock everyone out.
AXES_FAILURE_LIMIT = env_int("ELECTIONSPRO_LOCKOUT_FAILURES", 5)
LOCKOUT_MINUTES = 15
# How long failures count and a lock lasts, and the page shown meanwhile, with the numbers
# above (ballots/lockout.py, through axes' documented callables). The vote step takes the
# voting code, not a password: it never locks anyone out (ballots/services/code_attempts.py).
AXES_COOLOFF_TIME = "ballots.lockout.cool_off"
AXES_LOCKOUT_CALLABLE = "ballots.lockout.lockout_response"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Login forms post `username` (axes would otherwise read USERNAME_FIELD, "email", find
# nothing, and count failures per client address alone).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Successful logins are in our own audit trail (core.audit, EventKind.LOGIN_SUCCEEDED): no second
# row per login in axes' access log (one INSERT less on the login path).
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The client address, for the lockout and the audit trail alike (core.audit.client_ip):
# behind DJANGO_PROXY_COUNT reverse proxies, from their X-Forwarded-For only. A startup
# check (accounts/checks.py) refuses a proxy count that django-ipware cannot apply.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
_client_address = client_address_settings(PROXY_COUNT)
AXES_IPWARE_PROXY_COUNT = _client_address["AXES_IPWARE_PROXY_COUNT"]
AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_ORDER = _client_address["AXES_IPWARE_PROXY_ORDER"]
IPWARE_STRICT = _client_address["IPWARE_STRICT"]
AXES_VERBOSE = False
# Axes keeps the POST data of each failure in AccessAttempt: mask every secret, and a
# ballot's choice and voting code should a form carrying them ever count as a failure.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "choice",
    "code",
    "old_password",
    "new_password1",
    "new_password2",
    "password1",
    "password2",
]

# "Forgotten password" and "new confirmation link" answer after at least this long, whether
# or not the address has an account, so their timing tells nothing (accounts/timing.py).
UNIFORM_ANSWER_SECONDS = env_int("ELECTIONSPRO_UNIFORM_ANSWER_MS", 250) / 1000
# A refused elector login and a sign-up answer after at least this long, existing account or
# not (accounts/timing.py).
UNIFORM_LOGIN_SECONDS = env_int("ELECTIONSPRO_UNIFORM_LOGIN_MS", 100) / 1000

# Load shedding (electionspro/loadshed.py): password-checking requests running at once per
# process; the next wait up to LOADSHED_WAIT_MS for a slot, then get a 503 with Retry-After.
LOADSHED_CONCURRENCY = env_int("ELECTIONSPRO_LOADSHED_CONCURRENCY", 4)
LOADSHED_WAIT_MS = env_int("ELECTIONSPRO_LOADSHED_WAIT_MS", 500)
LOADSHED_RETRY_AFTER = env_int("ELECTIONSPRO_LOADSHED_RETRY_AFTER", 5)
# With electionspro.gunicorn_worker: any request queued longer than this gets the 503 at once.
LOADSHED_MAX_QUEUE_MS = env_int("ELECTIONSPRO_LOADSHED_MAX_QUEUE_MS", 1000)

# Sessions: server-side, short inactivity expiry, closed with the browser.
# Django's database sessions. Not cached_db: the default cache is per process, so a
# session flushed (logout) in one worker would live on in another's cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("ELECTIONSPRO_SESSION_SECONDS", 30 * 60)
# The expiry is pushed back at most every 5 minutes (accounts/middleware.py), not at every request.
SESSION_REFRESH_SECONDS = 5 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("ELECTIONSPRO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: uploads go through checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: academic addresses land in the webmail (webmail_auth.mail), others go out.
DEFAULT_FROM_EMAIL = os.environ.get(
    "ELECTIONSPRO_FROM_EMAIL",
    "Ministère de l'éducation nationale <ne-pas-repondre@education.gouv.fr>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTGOING_MAIL_BACKEND = os.environ.get(
    "ELECTIONSPRO_OUTGOING_MAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {"BACKEND": "webmail_auth.mail.WebmailBackend"},
    "outgoing": {
        "BACKEND": OUTGOING_MAIL_BACKEND,
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("ELECTIONSPRO_SMTP_HOST"),
                "port": os.environ.get("ELECTIONSPRO_SMTP_PORT")
                and env_int("ELECTIONSPRO_SMTP_PORT", 25),
                "username": os.environ.get("ELECTIONSPRO_SMTP_USER"),
                "password": os.environ.get("ELECTIONSPRO_SMTP_PASSWORD"),
                "use_tls": env_bool("ELECTIONSPRO_SMTP_TLS", False) or None,
            }.items()
            if value
        },
    },
}

# Background work (mailing a million agents): django-tasks-db, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Captcha: test mode (answer PASSED) is only ever allowed in debug mode.
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", default=False)
if CAPTCHA_TEST_MODE and not DEBUG:
    raise ImproperlyConfigured(
        "CAPTCHA_TEST_MODE=1 désactive le captcha : il n'est permis qu'avec DJANGO_DEBUG=1."
    )
CAPTCHA_IMAGE_SIZE = (180, 60)
CAPTCHA_FONT_SIZE = 36
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10  # minutes
# Letters that neither look nor sound alike; each has a French clip (accounts/captcha_audio.py).
CAPTCHA_CHALLENGE_FUNCT = "accounts.captcha_audio.challenge"

# Security headers. Strict CSP: no inline script, style or handler anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes of the load balancer speak plain HTTP
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO,https" when TLS ends at the reverse proxy.
    header, _sep, value = os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].partition(",")
    SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip() or "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Absolute address of the portal, for links in mails sent outside a request (opening mails).
ELECTIONSPRO_SITE_URL = os.environ.get("ELECTIONSPRO_SITE_URL", "http://127.0.0.1:8000")

# A campaign is current (shown to electors and on the public pages) from its rolls date
# until this many days after its results date; then it is reached from the results' archive.
CAMPAIGN_ARCHIVE_AFTER_DAYS = env_int("ELECTIONSPRO_CAMPAIGN_ARCHIVE_AFTER_DAYS", 56)

# The portal's public identity (page shell, mails).
PORTAL = {
    "service_name": _("Élections professionnelles"),
    "guichet_phone": "0810 76 76 76",
    "guichet_phone_price": _("2,8 cts/min depuis un poste fixe, plus 7,8 cts par appel"),
    "guichet_phone_alt": "04 76 09 82 06",
    "guichet_hours": _("de 8 h à 18 h du lundi au vendredi, de 8 h à 17 h le mercredi"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies (passwords, NUMENs, ballots) are never logged.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
