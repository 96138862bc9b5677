"""The Docker files cannot be run here (no Docker engine): check them by reading.

docker-compose.yml: nginx in front (the only published ports, one trusted proxy), a one-shot
migration the app waits for, restart policies, healthchecks, the gunicorn command written
once (the Dockerfile), variables the settings read. .dockerignore: nothing local or secret
in the image. deploy/healthcheck.py: the healthchecks themselves, run for real.
"""

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("migrate", "web", "worker")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def services() -> dict:
    return compose()["services"]


def variables_read_by_settings() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "electionspro" / "settings").glob("*.py"))
    found = set(re.findall(r'"((?:DJANGO|ELECTIONSPRO|DATABASE|CAPTCHA)_[A-Z_]*)"', source))
    return found | {"DATABASE_URL"}


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_compose_has_the_database_the_migration_the_web_app_the_worker_and_the_proxy():
    found = services()
    assert set(found) == {"db", "migrate", "web", "worker", "proxy"}
    assert int(found["db"]["image"].split(":")[1]) >= 15
    assert "pgdata:/var/lib/postgresql/data" in found["db"]["volumes"]
    assert command_text(found["migrate"]) == "python manage.py migrate --noinput"
    assert command_text(found["worker"]) == "python manage.py db_worker"
    assert found["proxy"]["image"].startswith("nginx:")


def test_the_app_services_share_one_image():
    found = services()
    assert len({found[name]["image"] for name in APP_SERVICES}) == 1
    assert all(found[name]["build"] == "." for name in APP_SERVICES)


def test_the_gunicorn_command_is_written_once_in_the_dockerfile():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count('"gunicorn", "electionspro.wsgi"') == 1
    assert "electionspro.gunicorn_worker.QueueTimedThreadWorker" in dockerfile
    found = services()
    assert not any("gunicorn" in command_text(service) for service in found.values())
    assert "command" not in found["web"]  # the web service runs the image's CMD


def test_the_proxy_is_the_only_service_with_published_ports():
    found = services()
    published = {name for name, service in found.items() if service.get("ports")}
    assert published == {"proxy"}
    assert found["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    mounts = " ".join(found["proxy"]["volumes"])
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf" in mounts


def test_the_proxy_settings_are_true_one_proxy_that_replaces_the_client_headers():
    """DJANGO_PROXY_COUNT=1 is right only if nginx is the one hop and overwrites the header."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    environment = services()["web"]["environment"]
    assert environment["DJANGO_PROXY_COUNT"] == "1"
    assert environment["DJANGO_SECURE_PROXY_SSL_HEADER"] == "HTTP_X_FORWARDED_PROTO,https"
    assert "proxy_pass http://electionspro_web;" in conf and "server web:8000;" in conf
    forwarded_for = re.findall(r"proxy_set_header X-Forwarded-For (\S+);", conf)
    assert forwarded_for and set(forwarded_for) == {"$remote_addr"}
    https_server = conf.split("listen 443 ssl;")[1]
    assert "proxy_set_header X-Forwarded-Proto https;" in https_server
    assert "$proxy_add_x_forwarded_for" not in conf  # would keep what the client sent


def test_web_and_worker_wait_for_the_migration_to_succeed():
    found = services()
    assert found["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert found["migrate"]["restart"] == "no"
    for name in ("web", "worker"):
        depends = found[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["db"]["condition"] == "service_healthy"


def test_long_running_services_restart():
    found = services()
    for name in ("db", "web", "worker", "proxy"):
        assert found[name]["restart"] in {"unless-stopped", "always"}, name


def test_web_and_worker_have_healthchecks():
    found = services()
    assert found["web"]["healthcheck"]["test"] == [
        "CMD",
        "python",
        "deploy/healthcheck.py",
        "web",
    ]
    assert found["worker"]["healthcheck"]["test"] == [
        "CMD",
        "python",
        "deploy/healthcheck.py",
        "worker",
    ]


def test_every_variable_compose_sets_is_one_the_settings_read():
    found = services()
    read = variables_read_by_settings()
    for name in APP_SERVICES:
        environment = found[name]["environment"]
        unknown = set(environment) - read
        assert not unknown, f"{name} sets variables no setting reads: {unknown}"
        assert environment["DJANGO_DEBUG"] == "0"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "DJANGO_SECRET_KEY" in environment and "ELECTIONSPRO_NUMEN_PEPPER" in environment


# .dockerignore ------------------------------------------------------------------------


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def pattern_regex(pattern: str) -> re.Pattern:
    """Docker's rule: paths from the context root, `*` within one segment, `**` across."""
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    regex = "".join(
        ".*"
        if part in ("**", "**/")
        else "[^/]*"
        if part == "*"
        else "[^/]"
        if part == "?"
        else re.escape(part)
        for part in parts
    )
    return re.compile(regex)


def excluded(path: str, patterns: list[str]) -> bool:
    """Is `path` (or a folder holding it) left out of the build context? Last match wins."""
    segments = path.split("/")
    prefixes = ["/".join(segments[: i + 1]) for i in range(len(segments))]
    result = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = pattern_regex(pattern.lstrip("!"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            result = not negated
    return result


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        "db.sqlite3",
        "db.sqlite3-journal",
        ".git/config",
        "media/professions/liste.pdf",
        "bench-data/results/full-latest.md",
        "demo-shares/electionspro2014-part-1-sur-3.json",
        "demo-trustees/trustee-1.json",
        "demo-notices/lot-1.pdf",
        "credentials-out/public-credentials.json",
        "test-artifacts/screenshots/x.png",
        "staticfiles/dsfr/dsfr.min.css",
        "__pycache__/x.cpython-313.pyc",
        "ballots/__pycache__/models.cpython-313.pyc",
        "ballots/models.pyc",
        "deploy/tls/privkey.pem",
        ".env",
    ],
)
def test_the_image_leaves_out(path):
    assert excluded(path, dockerignore_patterns())


@pytest.mark.parametrize(
    "path",
    [
        "manage.py",
        "requirements.lock",
        "ballots/models/campaign.py",
        "ballots/demo_data/scrutins.csv",
        "static/dsfr/dsfr.min.css",
        "deploy/healthcheck.py",
        "locale/en/LC_MESSAGES/django.mo",
    ],
)
def test_the_image_keeps_what_the_app_needs(path):
    assert not excluded(path, dockerignore_patterns())


def test_the_ignore_check_understands_exceptions():
    assert not excluded("media/keep.txt", ["media", "!media/keep.txt"])
    assert excluded("a/b/c.pyc", ["**/*.pyc"]) and not excluded("a/b/c.py", ["**/*.pyc"])


# deploy/healthcheck.py ----------------------------------------------------------------


def healthcheck_module():
    spec = importlib.util.spec_from_file_location("healthcheck", ROOT / "deploy/healthcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_process(proc: Path, pid: int, *argv: str) -> None:
    (proc / str(pid)).mkdir()
    (proc / str(pid) / "cmdline").write_bytes(b"\0".join(a.encode() for a in argv) + b"\0")


def test_the_worker_is_healthy_only_while_db_worker_runs(tmp_path):
    check = healthcheck_module()
    fake_process(tmp_path, 7, "python", "deploy/healthcheck.py", "worker")
    assert check.worker_problem(tmp_path) == "aucun processus manage.py db_worker"
    fake_process(tmp_path, 1, "python", "manage.py", "db_worker")
    assert check.worker_problem(tmp_path) is None


def test_the_web_check_asks_healthz_with_an_allowed_host(live_server):
    check = healthcheck_module()
    assert check.allowed_host("elections.education.gouv.fr,localhost") == (
        "elections.education.gouv.fr"
    )
    assert check.allowed_host(".education.gouv.fr") == "education.gouv.fr"
    assert check.allowed_host("") == "localhost"
    assert check.web_problem(f"{live_server.url}/healthz", "localhost") is None
    assert "404" in check.web_problem(f"{live_server.url}/nulle-part", "localhost")
    assert "ne répond pas" in check.web_problem("http://127.0.0.1:9/healthz", "localhost")
