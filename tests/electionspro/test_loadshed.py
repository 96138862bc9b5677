"""The opening stampede: password checks past the CPU's capacity get a polite 503."""

import threading
import time

import pytest
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path

from electionspro.loadshed import LoadSheddingMiddleware

factory = RequestFactory()


class RecordingView:
    def __init__(self):
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return HttpResponse("vue atteinte")


@pytest.fixture
def one_slot(settings):
    settings.LOADSHED_CONCURRENCY = 1
    settings.LOADSHED_WAIT_MS = 0
    settings.LOADSHED_RETRY_AFTER = 7
    view = RecordingView()
    return LoadSheddingMiddleware(view), view


def test_a_login_beyond_the_limit_gets_the_french_retry_page_without_reaching_the_view(one_slot):
    middleware, view = one_slot
    middleware.slots.acquire()  # another login is being checked
    response = middleware(factory.post("/electeur/connexion/", {"username": "a", "password": "b"}))
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "réessayez dans un instant" in page
    assert "rien n'a été enregistré" in page
    assert view.calls == 0


def test_pages_and_every_voting_step_are_never_shed_for_a_password_slot(one_slot):
    """The vote checks no password: with every password slot taken, both steps and the
    booth's ballot go through (a field named "password" changes nothing)."""
    middleware, view = one_slot
    middleware.slots.acquire()
    vote = "/electeur/scrutins/CTM-MEN/voter/"
    for request in (
        factory.get("/electeur/connexion/"),
        factory.get("/electeur/scrutins/"),
        factory.post(vote, {"choice": "3"}),
        factory.post(vote, {"choice": "3", "code": "ABCD", "confirm": "1"}),
        factory.post(vote, {"ballot": "{}", "confirm": "1", "password": "x"}),
        factory.post("/electeur/deconnexion/"),
    ):
        assert middleware(request).status_code == 200
    assert view.calls == 6


def test_the_portal_recovers_as_soon_as_a_slot_is_free(one_slot):
    middleware, view = one_slot
    middleware.slots.acquire()
    assert middleware(factory.post("/webmail/connexion/")).status_code == 503
    middleware.slots.release()
    assert middleware(factory.post("/webmail/connexion/")).status_code == 200
    assert view.calls == 1
    # The slot was given back after the request: the next one passes too.
    assert middleware(factory.post("/webmail/connexion/")).status_code == 200


def test_a_request_waits_a_moment_for_a_slot_before_being_shed(settings):
    settings.LOADSHED_CONCURRENCY = 1
    settings.LOADSHED_WAIT_MS = 2000
    middleware = LoadSheddingMiddleware(RecordingView())
    middleware.slots.acquire()
    threading.Timer(0.1, middleware.slots.release).start()
    assert middleware(factory.post("/electeur/connexion/")).status_code == 200


def test_concurrent_password_checks_never_exceed_the_limit(settings):
    settings.LOADSHED_CONCURRENCY = 2
    settings.LOADSHED_WAIT_MS = 0
    running, peak, lock, gate = [0], [0], threading.Lock(), threading.Event()

    def slow_view(request):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        gate.wait(2)
        with lock:
            running[0] -= 1
        return HttpResponse("ok")

    middleware = LoadSheddingMiddleware(slow_view)
    statuses = []

    def login():
        statuses.append(middleware(factory.post("/electeur/connexion/")).status_code)

    threads = [threading.Thread(target=login) for _ in range(6)]
    for thread in threads:
        thread.start()
    while len(statuses) < 4:  # four are shed at once, two are inside the view
        threading.Event().wait(0.01)
    gate.set()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 503, 503, 503, 503]
    assert peak[0] == 2


def test_a_concurrency_of_zero_turns_shedding_off(settings):
    settings.LOADSHED_CONCURRENCY = 0
    with pytest.raises(MiddlewareNotUsed):
        LoadSheddingMiddleware(RecordingView())


def test_the_retry_page_needs_no_database(one_slot):
    # No django_db mark: any query here would fail the test.
    middleware, _view = one_slot
    middleware.slots.acquire()
    response = middleware(factory.post("/electeur/creer-compte/"))
    assert response.status_code == 503


def test_shedding_runs_before_sessions_and_the_lockout_are_touched():
    stack = settings.MIDDLEWARE
    position = stack.index("electionspro.loadshed.LoadSheddingMiddleware")
    assert position < stack.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position < stack.index("axes.middleware.AxesMiddleware")


@pytest.mark.django_db
def test_the_real_stack_answers_503_with_the_security_headers(client, settings, monkeypatch):
    monkeypatch.setattr(threading.BoundedSemaphore, "acquire", lambda self, timeout=None: False)
    credentials = {"username": "x@ac-grenoble.fr", "password": "y"}
    response = client.post("/electeur/connexion/", credentials)
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.LOADSHED_RETRY_AFTER)
    assert "Content-Security-Policy" in response
    assert "réessayez dans un instant" in response.content.decode()


@pytest.fixture
def queued_for():
    """Pretend the gunicorn worker queued the current request `seconds` ago."""
    from electionspro import loadshed

    def pretend(seconds: float) -> None:
        loadshed.request_queued_at(time.monotonic() - seconds)

    yield pretend
    loadshed.request_queued_at(None)


def test_any_request_that_waited_too_long_for_a_thread_gets_the_retry_page(settings, queued_for):
    settings.LOADSHED_CONCURRENCY = 4
    settings.LOADSHED_MAX_QUEUE_MS = 1000
    view = RecordingView()
    middleware = LoadSheddingMiddleware(view)
    queued_for(2.5)
    response = middleware(factory.get("/electeur/scrutins/"))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert view.calls == 0
    queued_for(0.2)  # a short wait: served
    assert middleware(factory.get("/electeur/scrutins/")).status_code == 200
    assert view.calls == 1


def test_the_health_check_answers_however_long_it_queued(settings, queued_for):
    settings.LOADSHED_CONCURRENCY = 4
    settings.LOADSHED_MAX_QUEUE_MS = 1000
    middleware = LoadSheddingMiddleware(RecordingView())
    queued_for(30)
    assert middleware(factory.get("/healthz")).status_code == 200


def test_without_the_timing_worker_no_request_is_shed_for_queueing(settings):
    settings.LOADSHED_CONCURRENCY = 4
    settings.LOADSHED_MAX_QUEUE_MS = 1
    middleware = LoadSheddingMiddleware(RecordingView())
    assert middleware(factory.get("/electeur/scrutins/")).status_code == 200


def test_the_gunicorn_worker_tells_the_app_when_the_request_was_queued(monkeypatch):
    from gunicorn.workers.gthread import ThreadWorker

    from electionspro import loadshed
    from electionspro.gunicorn_worker import QueueTimedThreadWorker

    seen = []
    monkeypatch.setattr(ThreadWorker, "enqueue_req", lambda self, conn: None)
    monkeypatch.setattr(ThreadWorker, "handle", lambda self, conn: seen.append(
        loadshed.queued_seconds()))  # fmt: skip
    worker = object.__new__(QueueTimedThreadWorker)
    conn = type("Conn", (), {})()
    worker.enqueue_req(conn)
    conn.electionspro_enqueued -= 3  # it waited three seconds for a thread
    worker.handle(conn)
    assert 3 <= seen[0] < 4
    assert loadshed.queued_seconds() == 0.0  # forgotten once the request is done


def test_every_password_view_is_known_by_a_url_name_that_exists():
    from django.urls import reverse

    from electionspro.loadshed import PASSWORD_VIEWS

    arguments = {"accounts:confirm": ["t"], "accounts:password_reset_confirm": ["u", "t"]}
    for name in PASSWORD_VIEWS:
        assert reverse(name, args=arguments.get(name, []))  # NoReverseMatch once renamed


urlpatterns = [  # the portal's URLs under other paths, as if they were renamed
    path("renamed/", include("accounts.urls")),
    path("other/", include("ballots.urls")),
]


@pytest.mark.urls(__name__)
def test_a_renamed_path_is_still_recognised_by_its_view(one_slot):
    middleware, view = one_slot
    middleware.slots.acquire()
    for request in (
        factory.post("/renamed/connexion/", {"username": "a", "password": "b"}),
        factory.post("/renamed/creer-compte/"),
    ):
        assert middleware(request).status_code == 503
    assert middleware(factory.post("/electeur/connexion/")).status_code == 200  # not a URL now
    assert view.calls == 1
