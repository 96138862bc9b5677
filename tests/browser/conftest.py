"""Browser harness: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server. DEVELOPERS.md explains how to run, debug and extend it.

Fixtures for tests under tests/browser/ (everything here is marked `browser`):

- `page`: a French (fr-FR) page whose console errors, uncaught exceptions, CSP violations
  and requests leaving the live server are recorded; the test errors at teardown if any
  occurred. `page.goto("/faq/")` is relative to the live server.
- `nojs_page`: the same with JavaScript disabled.
- `new_page(java_script_enabled=...)`: more watched pages (a second person, say).
- `page_watch(page)`: the recorder of a page, to check mid-test (`.assert_clean()`).
- `audit_accessibility(page, label)`: axe-core; fails on any serious or critical violation.
- `screenshot(page, step)`: saves test-artifacts/screenshots/<test>/<NN>-<step>.png.
- `check_page(page, step)`: all three at once, the one-liner for each journey step.
- `keyboard`: Tab-only navigation with a visible-focus check (see keyboard.py's docstring).
- `hands(page, keyboard_only=False)`: click/fill/choose/select with the mouse or the keys;
  `journey`: the shared journey steps (journey.py).
- `seed_demo(calendar="now" | "2014")`: the demo (docs/interface.md), shares in tmp.
- `clock("2014-11-28 10:00")`: the portal (same process) lives at that Paris time.

During each test ELECTIONSPRO_SITE_URL is the live server's address (links in mails).
"""

import contextlib
import importlib.util
import os
import re
import shutil
import sys
import threading
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

# Playwright's sync API runs an event loop in this thread: Django would refuse ORM calls
# from test code. Set before Django opens any connection.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

BROWSER_DIR = Path(__file__).resolve().parent


CHROMIUM_PATH = os.environ.get("ELECTIONSPRO_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEADED = os.environ.get("ELECTIONSPRO_BROWSER_HEADED") == "1"
SLOW_MO = float(os.environ.get("ELECTIONSPRO_BROWSER_SLOWMO", "0"))
TIMEOUT_MS = 10_000
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
AXE_SOURCE_PATH = BROWSER_DIR / "vendor" / "axe.min.js"
DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
UPDATE_DOCS = os.environ.get("ELECTIONSPRO_DOCS_SCREENSHOTS") == "1"

# Each violation raises the DOM event below, which an init script (injected through the
# DevTools protocol, so not subject to the page's CSP) hands to Python.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__electionsproCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
}, true);
"""


def _load(name: str):
    """Import a helper module of this folder (tests are not a package: importlib mode)."""
    module_name = f"electionspro_browser_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, BROWSER_DIR / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


watch_module = _load("watch")
accessibility_module = _load("accessibility")
keyboard_module = _load("keyboard")
journey_module = _load("journey")
_load("live_server").serialise_on_sqlite()


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ is a browser test (`-m browser`, `-m "not browser"`)."""
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember whether the test body failed, so the page fixture saves a screenshot."""
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server):
    """One Chromium for the whole run; a missing Chromium is a failure, never a skip.

    Set up after the test database and the live server so that it closes before them: its
    kept-alive connections hold server threads, and their database connections, open."""
    if not (Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)):
        pytest.fail(
            f"Chromium introuvable ({CHROMIUM_PATH}) : les tests navigateur en ont besoin. "
            "Lancez scripts/ensure-chromium (ou apt-get install chromium), "
            "ou indiquez un autre binaire avec ELECTIONSPRO_CHROMIUM.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        args = [arg for arg in LAUNCH_ARGS if not (HEADED and arg == "--headless")]
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=not HEADED, args=args, slow_mo=SLOW_MO
        )
        yield chromium
        chromium.close()
    # Closing Chromium closes its kept-alive sockets: let the server threads serving them
    # end (and close their database connections) before the test database is dropped.
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=5)


@pytest.fixture(scope="session")
def _shared_contexts(browser, live_server):
    """One context per JavaScript setting, reused so its HTTP cache keeps the DSFR files
    (about 0.6 s saved per test); cookies and storage are emptied between tests."""
    contexts = {}

    def get(java_script_enabled: bool):
        if java_script_enabled not in contexts:
            contexts[java_script_enabled] = _new_context(
                browser, live_server, java_script_enabled=java_script_enabled
            )
        return contexts[java_script_enabled]

    yield get
    for context in contexts.values():
        context.close()


def _new_context(browser, live_server, **options):
    options = {"locale": "fr-FR", "timezone_id": "Europe/Paris", **options}
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def new_page(browser, live_server, _shared_contexts, request):
    """Factory of watched pages (fr-FR, relative URLs on the live server).

    Each call is another person: own cookies (so own session). `java_script_enabled=False`
    for a page without JavaScript; other keyword arguments go to `browser.new_context`
    (viewport={"width": 375, "height": 800}, ...). Every page it made is checked at
    teardown: console errors, uncaught exceptions, CSP violations and requests to any
    other host than the live server make the test error.
    """
    made = []
    used_shared = set()

    def make(*, java_script_enabled: bool = True, **context_options):
        shared = not context_options and java_script_enabled not in used_shared
        if shared:
            used_shared.add(java_script_enabled)
            context = _shared_contexts(java_script_enabled)
            context.clear_cookies()
        else:
            context = _new_context(
                browser, live_server, java_script_enabled=java_script_enabled, **context_options
            )
        watch = watch_module.PageWatch(
            origin=live_server.url, java_script_enabled=java_script_enabled
        )
        page = context.new_page()
        page.expose_binding(
            "__electionsproCspViolation", lambda _source, data: watch.record_csp_event(data)
        )
        page.add_init_script(CSP_LISTENER)
        watch.attach(page)
        page.electionspro_watch = watch
        made.append((context, shared, page, watch))
        return page

    yield make

    failed = getattr(request.node, "browser_test_failed", False)
    problems = []
    for index, (context, shared, page, watch) in enumerate(made):
        if failed and not page.is_closed():
            with contextlib.suppress(PlaywrightError):
                _save(page, request.node.name, f"echec-page{index + 1}")
        if shared:
            _forget_storage(page, live_server.url)
            page.close()
            context.clear_cookies()
        else:
            context.close()
        problems.extend(watch.problems())
    if problems:
        message = "Problèmes vus dans le navigateur :\n- " + "\n- ".join(problems)
        pytest.fail(message, pytrace=False)


def _forget_storage(page, origin: str) -> None:
    """Empties the portal's local and session storage (the DSFR keeps preferences there)."""
    if page.is_closed() or not page.url.startswith(origin):
        return
    with contextlib.suppress(PlaywrightError):  # mid-navigation, say
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")


@pytest.fixture
def page(new_page):
    """A watched page with JavaScript, locale fr-FR."""
    return new_page()


@pytest.fixture
def nojs_page(new_page):
    """A watched page with JavaScript disabled (the portal must work without it)."""
    return new_page(java_script_enabled=False)


@pytest.fixture
def page_watch():
    """`page_watch(page)` gives the recorder of a watched page (for mid-test checks)."""

    def get(page):
        return page.electionspro_watch

    return get


@pytest.fixture(autouse=True)
def _links_in_mails_point_to_the_live_server(settings, live_server):
    """Mails (opening, confirmation, reset) carry absolute links built from this setting."""
    settings.ELECTIONSPRO_SITE_URL = live_server.url


@pytest.fixture(scope="session")
def _axe_source():
    return AXE_SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def audit_accessibility(_axe_source):
    """`audit_accessibility(page, label)`: no serious or critical axe-core violation."""

    def run(page, label: str = ""):
        if not page.electionspro_watch.java_script_enabled:
            # axe runs as a script: audit the same page with JavaScript instead.
            raise AssertionError("axe-core ne tourne pas dans une page sans JavaScript.")
        return accessibility_module.audit(page, _axe_source, label=label)

    return run


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    """The screenshots of the previous run go when browser tests run again (autouse here:
    only for them). Parallel workers (pytest-xdist) keep them: they would race."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        shutil.rmtree(ARTIFACTS, ignore_errors=True)


def _save(page, test_name: str, step: str) -> Path:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test_name).strip("_")
    folder.mkdir(parents=True, exist_ok=True)
    number = len(list(folder.glob("*.png"))) + 1
    path = folder / f"{number:02d}-{re.sub(r'[^\w.-]+', '-', step).strip('-')}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def screenshot(request):
    """`screenshot(page, step)` saves test-artifacts/screenshots/<test>/<NN>-<step>.png.

    `docs="NN-name"` also writes docs/screenshots/NN-name.png (the README's tour), but only
    when ELECTIONSPRO_DOCS_SCREENSHOTS=1: committed pictures change only on purpose."""

    def take(page, step: str, *, docs: str | None = None) -> Path:
        if docs and UPDATE_DOCS:
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=DOCS_SCREENSHOTS / f"{docs}.png")
        return _save(page, request.node.name, step)

    return take


@pytest.fixture
def check_page(page_watch, audit_accessibility, screenshot):
    """`check_page(page, step, docs=None)`: clean so far (console, CSP, requests), axe,
    screenshot. Call it on every page of a journey, once the page shows what the step is
    about."""

    def check(page, step: str, *, docs: str | None = None):
        watch = page_watch(page)
        watch.assert_clean(step)
        if watch.java_script_enabled:  # axe needs scripts; the DOM is the same without them
            audit_accessibility(page, step)
        return screenshot(page, step, docs=docs)

    return check


@pytest.fixture
def keyboard():
    """Keyboard-only helpers: `keyboard.tab_to(page, selector)`, `keyboard.activate(...)`."""
    return keyboard_module.Keyboard()


@pytest.fixture
def hands(keyboard):
    """`hands(page)` acts on the page with the mouse; `hands(page, keyboard_only=True)` with
    Tab, Enter, Space and the arrows alone, checking the focus is visible (journey.py)."""

    def make(page, *, keyboard_only: bool = False):
        return journey_module.Hands(page, keyboard=keyboard if keyboard_only else None)

    return make


@pytest.fixture
def journey():
    """The journey steps several test files share (journey.py: step 1, the webmail)."""
    return journey_module


@pytest.fixture
def seed_demo(live_server, tmp_path):
    """`seed_demo(calendar="now")` loads the demo (docs/interface.md) into the test
    database, as `manage.py seed_demo` does; its voting codes and trustees' keys go to a
    temporary folder (`.codes` by webmail identifier, `.notices` the notices' PDF folder,
    `.trustees` the folder), never to the
    checkout's demo-credentials/ and demo-trustees/."""
    from django.db import transaction
    from django.test import override_settings

    from electionspro.demo import seed_demo as seed

    def run(calendar: str = "now"):
        with override_settings(BASE_DIR=tmp_path), transaction.atomic():
            report = seed(calendar=calendar)
        rows = (tmp_path / "demo-credentials" / "codes-de-vote.csv").read_text().splitlines()
        codes = {row.split(",")[0]: row.split(",")[-1] for row in rows[1:]}
        notices = tmp_path / "demo-credentials" / "notices"  # the paper notices (PDF)
        return SimpleNamespace(
            report=report, codes=codes, notices=notices, trustees=tmp_path / "demo-trustees"
        )

    return run


PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def clock(time_machine):
    """`clock("2014-11-28 10:00")` (Paris time, or an aware datetime) places the whole
    process there, live server included; time keeps flowing from that moment. Chromium
    keeps the real time (cookies carry Max-Age, which wins over Expires)."""

    def move_to(moment):
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment).replace(tzinfo=PARIS)
        time_machine.move_to(moment, tick=True)
        return moment

    return move_to
