"""Reading settings from the environment, with French errors that say what to set."""

import os
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "oui"}
FALSE_VALUES = {"0", "false", "no", "off", "non", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} vaut {raw!r} : indiquez 1 (oui) ou 0 (non).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} vaut {raw!r} : un nombre entier est attendu.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, *, debug: bool, dev_value: str, hint: str) -> str:
    """A secret has no production default: outside debug mode it must be set."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if debug:
        return dev_value
    raise ImproperlyConfigured(
        f"{name} n'est pas défini alors que DJANGO_DEBUG vaut 0 : définissez {name} "
        f"dans l'environnement ({hint}), ou DJANGO_DEBUG=1 pour la démonstration."
    )


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Translate DATABASE_URL (sqlite:///path or postgres://user:pass@host:port/name)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("/"):
            path = path[1:]  # sqlite:///relative.db is relative, sqlite:////abs.db absolute
        name = path if path in ("", ":memory:") or Path(path).is_absolute() else base_dir / path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name or ":memory:"}
    if scheme in ("postgres", "postgresql", "pgsql"):
        require_psycopg2()
        options = dict(parse_qsl(parts.query))
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": int(options.pop("conn_max_age", 60)),
            "CONN_HEALTH_CHECKS": True,
        }
        if options:
            config["OPTIONS"] = options
        if not config["NAME"]:
            raise ImproperlyConfigured(
                "DATABASE_URL ne nomme pas de base : postgres://…/nom_de_la_base"
            )
        return config
    raise ImproperlyConfigured(
        f"DATABASE_URL commence par {scheme!r} : "
        "seuls sqlite:/// et postgres:// sont pris en charge."
    )


def require_psycopg2() -> None:
    """PostgreSQL is reached through psycopg2 (psycopg2-binary in the lock files).

    Without it Django would run on psycopg 3 when that is installed (a driver this project
    does not test) or fail at the first query: stop at start-up instead, naming the package.
    """
    if importable("psycopg2"):
        return
    other = ""
    if importable("psycopg"):
        other = " (psycopg 3 est installé, mais le portail utilise psycopg2)"
    raise ImproperlyConfigured(
        f"DATABASE_URL désigne PostgreSQL mais le pilote psycopg2 est absent{other} : "
        "installez psycopg2-binary (pip install --require-hashes -r requirements.lock)."
    )


def importable(module: str) -> bool:
    try:
        import_module(module)
    except ImportError:
        return False
    return True


def client_address_settings(proxies: int) -> dict:
    """django-axes' client-address settings (applied through django-ipware) for `proxies`
    reverse proxies in front of Django, each adding the address it received from at the end
    of X-Forwarded-For (the outermost may replace the header: deploy/nginx.conf).

    With no proxy the address is the connection's. Behind proxies it is read from
    X-Forwarded-For only, counted from the right: the last proxy's entry is the one it
    received from, so ipware looks past the `proxies - 1` inner proxies' entries; whatever
    the client wrote on the left is ignored (not strict: a forged prefix does not reject
    the header). A request without that header resolves to no address.
    """
    if proxies < 0:
        raise ImproperlyConfigured(
            f"DJANGO_PROXY_COUNT vaut {proxies} : indiquez le nombre de proxys (0 ou plus)."
        )
    header = ("HTTP_X_FORWARDED_FOR",) if proxies else ("REMOTE_ADDR",)
    return {
        "AXES_IPWARE_PROXY_COUNT": proxies - 1 if proxies else None,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": header,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "IPWARE_STRICT": False,
    }
