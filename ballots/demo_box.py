"""The demo's verifiable box: credentials, the trustees' ceremony and the seal of the open
campaign, and a past campaign (electionspro2011) voted, closed, counted and verifiable.

Everything goes through the same functions as the commands. For speed and because it
is a demo, the three trustees run in this one process (a real ceremony runs each on
its own machine) and their key files use the cheapest passphrase derivation ("demo").
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace

from ballots.demo_campaign import _wipe
from ballots.models import Campaign, RollEntry, Scrutin
from ballots.selectors_voting import vote_state
from ballots.services.archive import archive_export
from ballots.services.campaign import campaign_create
from ballots.services.credentials import credentials_generate, credentials_import
from ballots.services.imports import candidacies_import, roll_import, scrutins_import
from ballots.services.sealing import campaign_seal
from ballots.services.tally import board_close, campaign_count
from ballots.services.trustees import ceremony_define, ceremony_export, trustee_message_import
from ballots.services.voting import ballot_accept, server_ballot
from ballots.trustee_side import keygen_step1, keygen_step2, keygen_step3, partial_decrypt
from core.paris import PARIS, paris_datetime

TRUSTEE_NAMES = [
    "président du bureau de vote",
    "secrétaire du bureau de vote",
    "délégué des organisations syndicales",
]
# How the printed commands run in a checkout served by `make run` (its virtualenv, demo settings).
DEMO_MANAGE = "DJANGO_DEBUG=1 .venv/bin/python manage.py"
PAST_SLUG = "electionspro2011"
DATA = Path(__file__).resolve().parent / "demo_data"


def passphrase_of(campaign: Campaign, index: int) -> str:
    return f"demo-{campaign.slug}-scrutateur-{index}"


def box_prepare(
    campaign: Campaign,
    *,
    at: datetime,
    credentials_dir: Path,
    trustees_dir: Path,
    seal: bool = True,
    print_notices: bool = True,
) -> dict[str, str]:
    """Codes and public credentials, the three trustees' ceremony (2 of 3 decrypt), the seal.

    Writes the codes CSV to credentials_dir, each trustee's key file and passphrase to
    trustees_dir; returns the voting codes by webmail identifier.
    """
    generated = credentials_generate(
        campaign=campaign, out_dir=credentials_dir, print_notices=print_notices
    )
    credentials_import(campaign=campaign, source=generated.public_file, at=at)
    ceremony_define(campaign=campaign, trustees=3, threshold=2, at=at)
    keys: dict[int, bytes] = {}
    indices = range(1, len(TRUSTEE_NAMES) + 1)
    for index in indices:
        keys[index], message = keygen_step1(
            ceremony_export(campaign),
            index=index,
            name=TRUSTEE_NAMES[index - 1],
            passphrase=passphrase_of(campaign, index),
            kdf="demo",
        )
        trustee_message_import(campaign=campaign, document=json.loads(message), at=at)
    ceremony = ceremony_export(campaign)
    for index in indices:
        message = keygen_step2(
            ceremony, sealed=keys[index], passphrase=passphrase_of(campaign, index)
        )
        trustee_message_import(campaign=campaign, document=json.loads(message), at=at)
    ceremony = ceremony_export(campaign)
    for index in indices:
        keys[index], message = keygen_step3(
            ceremony, sealed=keys[index], passphrase=passphrase_of(campaign, index), kdf="demo"
        )
        trustee_message_import(campaign=campaign, document=json.loads(message), at=at)
    trustees_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for index in indices:
        (trustees_dir / f"scrutateur-{index}.cle").write_bytes(keys[index])
        (trustees_dir / f"scrutateur-{index}.phrase").write_text(
            passphrase_of(campaign, index) + "\n", encoding="utf-8"
        )
    if seal:
        campaign_seal(campaign=campaign, at=at)
    return generated.codes


def _paris(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=PARIS)


def _wipe_past() -> None:
    previous = Campaign.objects.filter(slug=PAST_SLUG).first()
    if previous is not None:
        _wipe(previous)


def seed_past_campaign() -> list[str]:
    """electionspro2011: voted by the demo's electors in October 2011, closed and counted."""
    _wipe_past()
    opens = _paris(date(2011, 10, 13), 10)
    closes = _paris(date(2011, 10, 20), 17)
    campaign = campaign_create(
        slug=PAST_SLUG,
        name="Élections professionnelles 2011",
        mail_tag="[Electionspro2011]",
        rolls_from=paris_datetime(date(2011, 9, 15)),
        candidacies_from=paris_datetime(date(2011, 9, 28)),
        profile_updates_until=paris_datetime(date(2011, 10, 7), end_of_day=True),
        voting_opens=opens,
        voting_closes=closes,
        results_from=paris_datetime(date(2011, 10, 21)),
    )
    scrutins_import(campaign=campaign, source=DATA / "scrutins.csv")
    roll_import(campaign=campaign, source=DATA / "roll.csv")
    roll_import(campaign=campaign, source=DATA / "roll_extra.csv", skip_invalid=True)
    candidacies_import(campaign=campaign, source=DATA / "candidacies.csv")
    candidacies_import(campaign=campaign, source=DATA / "candidacies_extra.csv")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        codes = box_prepare(
            campaign,
            at=_paris(date(2011, 10, 10)),
            credentials_dir=work / "codes",
            trustees_dir=work / "trustees",
        )
        voters = _cast_past_votes(campaign, codes, at=opens + timedelta(hours=2))
        board_close(campaign=campaign, at=closes + timedelta(hours=1), workers=1)
        archive = work / "archive.jsonl"
        archive_export(campaign=campaign, path=archive)
        partials = [
            partial_decrypt(
                archive,
                sealed=(work / "trustees" / f"scrutateur-{index}.cle").read_bytes(),
                passphrase=passphrase_of(campaign, index),
            )[0]
            for index in (1, 2)
        ]
        campaign_count(campaign=campaign, partial_files=partials, at=_paris(date(2011, 10, 21), 9))
    return [
        f"Campagne passée {PAST_SLUG} : {voters} votes, dépouillée par 2 scrutateurs sur 3 ; "
        f"vérifiez-la : {DEMO_MANAGE} export_archive --campaign {PAST_SLUG} "
        f"archive-2011.jsonl && {DEMO_MANAGE} verify_election archive-2011.jsonl"
    ]


def _cast_past_votes(campaign: Campaign, codes: dict[str, str], *, at: datetime) -> int:
    """Most electors vote: a list, sometimes blank; every fifth abstains; the last list of a
    ballot gets no vote (a list with no votes must count as 0)."""
    entries = (
        RollEntry.objects.filter(scrutin__campaign=campaign, scrutin__mode=Scrutin.Mode.INTERNET)
        .select_related("agent", "scrutin")
        .order_by("scrutin__code", "agent__identifier")
    )
    cast = 0
    for number, entry in enumerate(entries):
        if number % 5 == 4:
            continue
        scrutin, agent = entry.scrutin, entry.agent
        lists = list(scrutin.lists.order_by("position"))
        choices = ["blanc", *(str(lst.pk) for lst in lists[:-1] or lists)]
        voter = SimpleNamespace(agent_id=agent.pk, email=agent.email, pk=None)
        state = vote_state(agent=agent.pk, scrutin=scrutin)
        moment = at + timedelta(minutes=number)
        data = server_ballot(
            user=voter,
            scrutin=scrutin,
            choice=choices[number % len(choices)],
            code=codes[agent.identifier],
            at=moment,
            state=state,
        )
        ballot_accept(
            user=voter, scrutin=scrutin, data=data, at=moment, state=state, receipt_mail=False
        )
        cast += 1
    return cast
