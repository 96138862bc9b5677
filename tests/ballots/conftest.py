"""Fixtures shared by the campaign and vote tests: the 2014 campaign and a settable clock.

Each subfolder's conftest.py says where the clock starts (its `clock_start` fixture).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ballots.models import Campaign

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def clock(time_machine, clock_start):
    """clock.set(dt) or clock.now = dt: the whole process stands still at that instant
    (time-machine, tick=False, the mechanism the browser tests use too)."""

    class Clock:
        @property
        def now(self) -> datetime:
            return timezone.now()

        @now.setter
        def now(self, value: datetime) -> None:
            time_machine.move_to(value, tick=False)

        def set(self, value: datetime) -> None:
            self.now = value

    instance = Clock()
    instance.set(clock_start)
    return instance


@pytest.fixture
def campaign(db):
    """The 2014 calendar: vote from 27 November 10:00 to 4 December 17:00, results on the 5th."""
    return Campaign.objects.create(
        slug="electionspro2014",
        name="Élections professionnelles 2014",
        mail_tag="[Electionspro2014]",
        rolls_from=paris(2014, 10, 15),
        candidacies_from=paris(2014, 10, 28),
        profile_updates_until=paris(2014, 11, 14, 23, 59, 59, 999999),
        voting_opens=paris(2014, 11, 27, 10, 0),
        voting_closes=paris(2014, 12, 4, 17, 0),
        results_from=paris(2014, 12, 5),
    )
