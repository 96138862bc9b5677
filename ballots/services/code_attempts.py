"""Wrong voting codes slow an elector down (a growing wait), never lock them out."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F

from ballots.models import CodeAttempts
from core.audit import EventKind, record

FREE_ATTEMPTS = 3  # wrong codes allowed without any wait (typos happen)
FIRST_WAIT = timedelta(seconds=5)
LONGEST_WAIT = timedelta(minutes=5)


def wait_after(failures: int) -> timedelta:
    """The wait imposed after `failures` wrong codes: none, then 5 s doubling up to 5 min."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT)


def code_wait(*, agent_id: int, at: datetime) -> timedelta:
    """How long this elector must still wait before a code is checked again (0 if none)."""
    attempts = CodeAttempts.objects.filter(agent_id=agent_id).first()
    if attempts is None:
        return timedelta(0)
    remaining = attempts.last_failure_at + wait_after(attempts.failures) - at
    return max(remaining, timedelta(0))


def code_failure_record(*, user, scrutin_code: str, at: datetime, request=None) -> None:
    """Count one wrong code (never the code itself) and audit it."""
    updated = CodeAttempts.objects.filter(agent_id=user.agent_id).update(
        failures=F("failures") + 1, last_failure_at=at
    )
    if not updated:
        CodeAttempts.objects.get_or_create(
            agent_id=user.agent_id, defaults={"failures": 1, "last_failure_at": at}
        )
    record(EventKind.VOTE_CODE_REFUSED, actor=user, subject=scrutin_code, request=request, at=at)
