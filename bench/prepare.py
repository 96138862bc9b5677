"""Preparing the bench database through the real commands, then the electors' fast path.

Everything an operator does goes through the operators' commands or their services
(create_campaign, import_*; the box's credentials, trustees and seal through the demo's
box_prepare, with the cheapest passphrase derivation). Only what would take hours
through the web is written directly, and said so: the elector accounts
(one precomputed Argon2id hash for all, as if each had signed up) and their sessions
(as if each had logged in).
"""

import io
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.middleware import REFRESHED_KEY

from .baseline import BENCH_HASH, BENCH_PASSWORD

CAMPAIGN = "bench2014"


def command(name: str, *args: str) -> str:
    """Run a manage.py command in this process; its output is returned, not printed."""
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out, verbosity=1)
    return out.getvalue()


def create_campaign(slug: str = CAMPAIGN) -> None:
    """A campaign whose vote is open now and for three more days (Paris time)."""
    now = timezone.localtime()
    day = timedelta(days=1)
    command(
        "create_campaign", slug,
        "--name", "Élections professionnelles (banc d'essai)",
        "--rolls", (now - 30 * day).date().isoformat(),
        "--candidacies", (now - 20 * day).date().isoformat(),
        "--profile-deadline", (now - 10 * day).date().isoformat(),
        "--opens", (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "--closes", (now + 3 * day).strftime("%Y-%m-%dT%H:%M"),
        "--results", (now + 4 * day).date().isoformat(),
    )  # fmt: skip


@dataclass
class BenchBox:
    """What the box's preparation leaves: the voting codes and the trustees' key files."""

    codes: dict[str, str]  # webmail identifier -> voting code
    trustees_dir: Path


def keys_and_seal(folder: Path, slug: str = CAMPAIGN) -> BenchBox:
    """Voting codes, the trustees' ceremony (3 trustees, 2 needed) and the seal, through the
    same functions as the commands (the demo's: the trustees' key files use the cheapest
    passphrase derivation), without printing the paper notices."""
    from ballots.demo_box import box_prepare
    from ballots.models import Campaign

    campaign = Campaign.objects.get(slug=slug)
    codes = box_prepare(
        campaign,
        at=timezone.now(),
        credentials_dir=folder / "codes",
        trustees_dir=folder / "trustees",
        print_notices=False,  # 100 000 PDF notices would take an hour: not the box's cost
    )
    return BenchBox(codes=codes, trustees_dir=folder / "trustees")


@dataclass
class Workload:
    """Who the load generator plays: sessions, logins, and (session, scrutin, choice) votes."""

    session_cookie: str
    logins: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (session, scrutin code)
    votes: list[tuple[str, str, str]] = field(default_factory=list)  # (session, code, choice)
    password: str = BENCH_PASSWORD
    voting_codes: dict[str, str] = field(default_factory=dict)  # session -> voting code
    agents: dict[str, int] = field(default_factory=dict)  # session -> agent id


def create_electors(count: int, *, seed: int = 8, codes: dict[str, str] | None = None) -> Workload:
    """`count` confirmed elector accounts with sessions, among agents with an internet vote."""
    from accounts.models import User
    from ballots.models import CandidateList, RollEntry, Scrutin
    from webmail_auth.models import Agent

    rng = random.Random(seed)  # noqa: S311 (synthetic workload)
    now = timezone.now()
    agent_ids = list(
        RollEntry.objects.filter(scrutin__mode=Scrutin.Mode.INTERNET, agent__account__isnull=True)
        .order_by("agent_id")
        .values_list("agent_id", flat=True)
        .distinct()[:count]
    )
    agents = Agent.objects.filter(pk__in=agent_ids).only(
        "id", "email", "first_name", "surname", "identifier"
    )
    User.objects.bulk_create(
        [
            User(email=a.email, agent_id=a.pk, first_name=a.first_name, last_name=a.surname,
                 password=BENCH_HASH, confirmed_at=now, language="fr")
            for a in agents.iterator(chunk_size=5000)
        ],
        batch_size=5000,
    )  # fmt: skip
    users = dict(User.objects.filter(agent_id__in=agent_ids).values_list("agent_id", "pk"))
    session_of = _sessions_for(list(users.values()))
    workload = Workload(session_cookie=settings.SESSION_COOKIE_NAME)
    workload.logins = list(
        User.objects.filter(pk__in=users.values()).values_list("email", flat=True)
    )
    rng.shuffle(workload.logins)
    workload.sessions = [session_of[users[a]] for a in agent_ids if a in users]
    workload.agents = {session_of[users[a]]: a for a in agent_ids if a in users}
    identifiers = dict(agents.values_list("pk", "identifier"))
    workload.voting_codes = {
        session_of[users[a]]: (codes or {}).get(identifiers[a], "") for a in agent_ids if a in users
    }
    lists: dict[int, list[str]] = {}
    for scrutin_id, list_id in CandidateList.objects.filter(
        scrutin__campaign__slug=CAMPAIGN
    ).values_list("scrutin_id", "id"):
        lists.setdefault(scrutin_id, []).append(str(list_id))
    entries = RollEntry.objects.filter(
        agent_id__in=agent_ids, scrutin__mode=Scrutin.Mode.INTERNET
    ).values_list("agent_id", "scrutin_id", "scrutin__code")
    for agent_id, scrutin_id, code in entries.iterator(chunk_size=10_000):
        session = session_of[users[agent_id]]
        workload.pages.append((session, code))
        choice = "blanc" if rng.random() < 0.05 else rng.choice(lists[scrutin_id])
        workload.votes.append((session, code, choice))
    rng.shuffle(workload.votes)
    rng.shuffle(workload.pages)
    return workload


def booth_ballots(workload: Workload, votes: list[tuple[str, str, str]]) -> list[tuple]:
    """Ballots made ahead, as the booth makes them in the browser (the bytes the server's
    no-JavaScript path makes): (session, scrutin code, canonical JSON) per vote."""
    from types import SimpleNamespace

    from ballots.models import Scrutin
    from ballots.services.voting import server_ballot

    codes = {code for _session, code, _choice in votes}
    scrutins = Scrutin.objects.filter(campaign__slug=CAMPAIGN, code__in=codes)
    by_code = {s.code: s for s in scrutins.select_related("campaign")}
    at, made = timezone.now(), []
    for session, code, choice in votes:
        voter = SimpleNamespace(agent_id=workload.agents[session], email="", pk=None)
        data = server_ballot(user=voter, scrutin=by_code[code], choice=choice,
                             code=workload.voting_codes[session], at=at)  # fmt: skip
        made.append((session, code, data.decode("utf-8")))
    return made


def _sessions_for(user_ids: list[int]) -> dict[int, str]:
    """One logged-in session per user, as Django's login() would have stored it.

    The session of the first user is made by the test client's force_login (the real
    login() with its signals); the others copy it with their own user id, and the time the
    login's response refreshed it (accounts.middleware), as a real login leaves it.
    """
    if not user_ids:
        return {}
    client = Client(HTTP_HOST="127.0.0.1")
    from accounts.models import User

    client.force_login(User.objects.get(pk=user_ids[0]))
    template = SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).load()
    expires = timezone.now() + timedelta(days=1)
    refreshed = int(time.time())
    store = SessionStore()
    keys: dict[int, str] = {}
    rows = []
    for user_id in user_ids:
        key = secrets.token_hex(16)
        data = {**template, "_auth_user_id": str(user_id), REFRESHED_KEY: refreshed}
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys[user_id] = key
    Session.objects.bulk_create(rows, batch_size=5000)
    return keys
