"""Paris time, the one civil time of the portal: building, reading and writing it.

Every date a person types (commands) or reads (mails, operator messages) is Paris
time; stored datetimes are aware. Nothing else in the code builds a Paris datetime.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

PARIS = ZoneInfo("Europe/Paris")
END_OF_DAY = time(23, 59, 59, 999999)
# Operators' messages: 04/12/2014 17:00:00.
OPERATOR_FORMAT = "d/m/Y H:i:s"


def paris_datetime(value: date | datetime, *, end_of_day: bool = False) -> datetime:
    """An aware datetime in Paris time: a date means 00:00 (or 23:59:59.999999 if end_of_day);
    a naive datetime is read as Paris time, an aware one is kept."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=PARIS)
    return datetime.combine(value, END_OF_DAY if end_of_day else time(0, 0), tzinfo=PARIS)


def parse_paris_datetime(text: str) -> datetime:
    """An ISO date-time (`2014-12-04T19:00` or with a space); without an offset, Paris time.

    Raises ValueError when `text` is not a date-time (a date alone is refused).
    """
    value = parse_datetime(text.strip().replace(" ", "T", 1)) if text else None
    if value is None:
        raise ValueError(text)
    return paris_datetime(value)


def parse_paris_day(text: str, *, end_of_day: bool = False) -> datetime:
    """A date `YYYY-MM-DD` (00:00, or the day's last instant with end_of_day) or an ISO
    date-time, in Paris time. Raises ValueError otherwise."""
    value = (text or "").strip()
    if len(value) == 10:
        return paris_datetime(date.fromisoformat(value), end_of_day=end_of_day)
    return paris_datetime(datetime.fromisoformat(value))


def paris_format(moment: datetime, pattern: str = OPERATOR_FORMAT) -> str:
    """`moment` in Paris time with a Django date `pattern` (month names in the active language)."""
    return date_format(timezone.localtime(moment, PARIS), pattern)
