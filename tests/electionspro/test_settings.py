"""Settings safety: no secret default, check --deploy clean, strict CSP."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a clean environment holding only `env` (plus PATH)."""
    clean_env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "electionspro.settings.base",
    }
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ELECTIONSPRO_NUMEN_PEPPER": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "elections.education.gouv.fr",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_production_start_fails_without_a_secret_key_and_says_what_to_set():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "définissez DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_start_fails_without_the_numen_pepper():
    env = production_env()
    del env["ELECTIONSPRO_NUMEN_PEPPER"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "ELECTIONSPRO_NUMEN_PEPPER" in result.stderr


def test_debug_mode_starts_without_any_secret():
    result = run_manage("check", DJANGO_DEBUG="1", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_captcha_test_mode_is_refused_outside_debug_mode():
    result = run_manage("check", **production_env(CAPTCHA_TEST_MODE="1"))
    assert result.returncode != 0
    assert "CAPTCHA_TEST_MODE" in result.stderr


def test_check_deploy_with_production_variables_prints_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_unreadable_boolean_is_refused_with_a_french_sentence():
    result = run_manage("check", **production_env(DJANGO_DEBUG="peut-être"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr
    assert "indiquez 1 (oui) ou 0 (non)" in result.stderr


def test_language_and_time_zone_are_french(settings):
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


def test_argon2id_at_owasp_parameters_is_the_first_hasher():
    from django.conf import settings

    from accounts.hashers import OwaspArgon2PasswordHasher

    base_hashers = __import__("electionspro.settings.base", fromlist=["PASSWORD_HASHERS"])
    assert base_hashers.PASSWORD_HASHERS[0] == "accounts.hashers.OwaspArgon2PasswordHasher"
    hasher = OwaspArgon2PasswordHasher()
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19 * 1024, 2, 1)
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:///db.sqlite3", "django.db.backends.sqlite3", "db.sqlite3"),
        ("sqlite:////tmp/x.db", "django.db.backends.sqlite3", "/tmp/x.db"),
        ("postgres://u:p%40ss@db:5433/ep", "django.db.backends.postgresql", "ep"),
    ],
)
def test_database_url_is_translated(url, engine, name):
    from electionspro.settings.environment import database_from_url

    config = database_from_url(url, base_dir=Path("/checkout"))
    assert config["ENGINE"] == engine
    assert str(config["NAME"]).endswith(name)
    if engine.endswith("postgresql"):
        assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
            "u",
            "p@ss",
            "db",
            "5433",
        )


def test_an_unknown_database_scheme_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from electionspro.settings.environment import database_from_url

    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://x/y", base_dir=Path("/checkout"))


def driver_shims(folder: Path, *, with_psycopg3: bool) -> str:
    """A folder that hides psycopg2 (its import fails) and may offer a psycopg 3 stand-in."""
    (folder / "psycopg2").mkdir()
    (folder / "psycopg2" / "__init__.py").write_text(
        "raise ImportError(\"No module named 'psycopg2'\")\n"
    )
    if with_psycopg3:
        (folder / "psycopg").mkdir()
        (folder / "psycopg" / "__init__.py").write_text("")
    return str(folder)


@pytest.mark.parametrize("with_psycopg3", [True, False], ids=["psycopg-3-instead", "no-driver"])
def test_postgresql_without_psycopg2_stops_the_start_and_names_the_package(tmp_path, with_psycopg3):
    env = production_env(
        DATABASE_URL="postgres://u@127.0.0.1:5432/ep",
        PYTHONPATH=driver_shims(tmp_path, with_psycopg3=with_psycopg3),
    )
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "le pilote psycopg2 est absent" in result.stderr
    assert "installez psycopg2-binary" in result.stderr
    assert ("psycopg 3 est installé" in result.stderr) == with_psycopg3
    assert "Traceback" not in result.stderr


def test_sqlite_does_not_need_psycopg2(tmp_path):
    env = production_env(PYTHONPATH=driver_shims(tmp_path, with_psycopg3=False))
    result = run_manage("check", **env)
    assert result.returncode == 0, result.stderr
