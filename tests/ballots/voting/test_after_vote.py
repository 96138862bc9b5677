"""What follows a vote (its audit line, its receipt mail) is one task queued in the vote's
own transaction (django-tasks-db): a failure just after the commit no longer loses it, the
request does not wait for it, and the queued task does not tell who holds which tracker."""

import logging

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from ballots.services.voting import vote_cast
from core.events import EventKind
from core.models import AuditEvent
from webmail_auth.models import Message


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The production task backend: tasks are rows, sent by `db_worker`. The test runs in
    one transaction, which the worker's periodic connection check would close."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def receipt_tasks():
    return DBTaskResult.objects.filter(task_path="ballots.tasks.after_vote")


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def test_the_receipt_mail_is_sent_by_the_worker_even_when_nothing_runs_after_the_commit(
    database_tasks,
    sealed,
    scrutins,
    electors,
    choice_of,
    times,
    django_capture_on_commit_callbacks,
    code_of,
):
    cta = scrutins["cta"]
    # The process dies (or the database fails) right after the commit: no on-commit
    # callback ever runs. What the transaction wrote is all there is.
    with django_capture_on_commit_callbacks(execute=False):
        receipt = vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=cta,
            choice=choice_of(cta, "SGEN"),
            at=times.during,
        )
    assert receipt_tasks().filter(status="READY").count() == 1
    assert not Message.objects.filter(agent=electors[0].agent).exists()

    run_worker()

    message = Message.objects.get(agent=electors[0].agent)
    assert receipt.display_tracker in message.body_text
    assert "[Electionspro2014]" in message.subject and "\n" not in message.subject
    assert receipt_tasks().get().status == "SUCCESSFUL"


def test_the_worker_writes_the_votes_audit_line_without_its_content_nor_its_tracker(
    database_tasks, sealed, scrutins, electors, choice_of, times, code_of, rf
):
    cta = scrutins["cta"]
    chosen = choice_of(cta, "SGEN")
    request = rf.post("/", REMOTE_ADDR="192.0.2.44")
    receipt = vote_cast(
        code=code_of(electors[0]), user=electors[0], scrutin=cta, choice=chosen,
        at=times.during, request=request,
    )  # fmt: skip
    # The request did not write it: the trail's head is not held by every vote.
    assert not AuditEvent.objects.filter(kind=EventKind.VOTE_CAST).exists()

    run_worker()

    event = AuditEvent.objects.get(kind=EventKind.VOTE_CAST)
    assert event.actor == electors[0] and event.subject == "CTA-GRE"
    assert event.at == times.during and event.client_ip == "192.0.2.44"
    flat = f"{event.subject} {event.details} {event.actor_label}"
    assert receipt.tracker not in flat and "SGEN" not in flat and chosen not in flat


def test_a_vote_without_a_receipt_mail_is_still_audited(
    database_tasks, sealed, scrutins, electors, choice_of, times, code_of
):
    cta = scrutins["cta"]
    vote_cast(
        code=code_of(electors[0]), user=electors[0], scrutin=cta,
        choice=choice_of(cta, "FSU"), at=times.during, receipt_mail=False,
    )  # fmt: skip
    run_worker()
    assert AuditEvent.objects.filter(kind=EventKind.VOTE_CAST, actor=electors[0]).count() == 1
    assert not Message.objects.filter(agent=electors[0].agent).exists()


def test_a_vote_rolled_back_queues_no_receipt(
    database_tasks, sealed, scrutins, electors, choice_of, times, code_of
):
    cta = scrutins["cta"]
    with pytest.raises(RuntimeError), transaction.atomic():
        vote_cast(
            code=code_of(electors[0]),
            user=electors[0],
            scrutin=cta,
            choice=choice_of(cta, "UNSA"),
            at=times.during,
        )
        raise RuntimeError("the database fails before the commit")
    assert not receipt_tasks().exists()
    assert not AuditEvent.objects.filter(kind=EventKind.VOTE_CAST).exists()


def test_neither_the_task_table_nor_the_logs_link_the_voter_to_the_tracker(
    database_tasks, sealed, scrutins, electors, choice_of, times, caplog, code_of
):
    cta = scrutins["cta"]
    voter = electors[0]
    with caplog.at_level(logging.DEBUG):
        receipt = vote_cast(
            code=code_of(voter),
            user=voter,
            scrutin=cta,
            choice=choice_of(cta, "FSU"),
            at=times.during,
        )
        stored = str(receipt_tasks().values_list("args_kwargs", "return_value").get())
        run_worker()
    trackers = {receipt.tracker, receipt.display_tracker, receipt.tracker.upper()}
    for tracker in trackers:
        assert tracker not in stored
    assert voter.email not in stored and voter.agent.identifier not in stored
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for tracker in trackers:
        assert tracker not in logged
    # The elector's own mailbox is the one place where both meet (by design).
    assert receipt.display_tracker in Message.objects.get(agent=voter.agent).body_text
