"""Container healthchecks (docker-compose.yml): `python deploy/healthcheck.py web|worker`.

web: GET /healthz on the local gunicorn, with a Host the settings allow (the first of
DJANGO_ALLOWED_HOSTS), healthy on 200 (the app and its database answer).
worker: healthy while a `manage.py db_worker` process runs in the container.
Exit status 0 when healthy, 1 otherwise, with one line saying why.
"""

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path


def allowed_host(raw: str) -> str:
    """A host name the settings accept: the first of DJANGO_ALLOWED_HOSTS, made concrete."""
    first = next((item.strip() for item in raw.split(",") if item.strip()), "localhost")
    if first == "*":
        return "localhost"
    return first.lstrip(".")


def web_problem(url: str, host: str) -> str | None:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - local URL
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310 - local URL
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        return f"{url} ne répond pas : {error}"
    return None if status == 200 else f"{url} répond {status}"


def worker_problem(proc: Path) -> str | None:
    for cmdline in proc.glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended while we looked
            continue
        if b"db_worker" in argv and any(part.endswith(b"manage.py") for part in argv):
            return None
    return "aucun processus manage.py db_worker"


def main(argv: list[str]) -> int:
    kind = argv[1] if len(argv) > 1 else ""
    if kind == "web":
        host = allowed_host(os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost"))
        problem = web_problem("http://127.0.0.1:8000/healthz", host)
    elif kind == "worker":
        problem = worker_problem(Path("/proc"))
    else:
        problem = "usage : python deploy/healthcheck.py web|worker"
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
