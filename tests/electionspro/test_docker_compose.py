"""docker-compose.yml cannot be run here (no Docker engine): check it by reading."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def variables_read_by_settings() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "electionspro" / "settings").glob("*.py"))
    found = set(re.findall(r'"((?:DJANGO|ELECTIONSPRO|DATABASE|CAPTCHA)_[A-Z_]*)"', source))
    return found | {"DATABASE_URL"}


def test_compose_has_the_database_the_web_app_and_the_worker():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:1")
    assert int(services["db"]["image"].split(":")[1]) >= 15
    assert "gunicorn electionspro.wsgi" in services["web"]["command"]
    assert "db_worker" in services["worker"]["command"]
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]


def test_every_variable_compose_sets_is_one_the_settings_read():
    services = compose()["services"]
    read = variables_read_by_settings()
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        unknown = set(environment) - read
        assert not unknown, f"{name} sets variables no setting reads: {unknown}"
        assert environment["DJANGO_DEBUG"] == "0"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "DJANGO_SECRET_KEY" in environment and "ELECTIONSPRO_NUMEN_PEPPER" in environment


def test_compose_points_its_health_check_at_healthz():
    assert "/healthz" in " ".join(compose()["services"]["web"]["healthcheck"]["test"])
