"""The demo's box: codes and trustees' keys in folders, and count commands that work."""

import io
import os
import shlex

from django.core.management import call_command

from ballots.demo import seed_keys_and_seal
from ballots.demo_box import DEMO_MANAGE
from ballots.models import ScrutinResult, Seal
from ballots.services.voting import vote_cast


def test_the_demo_seals_the_campaign_and_prints_count_commands_that_work(
    campaign, scrutins, electors, settings, tmp_path, clock, times, monkeypatch
):
    settings.BASE_DIR = tmp_path
    lines = seed_keys_and_seal(calendar="2014")
    assert Seal.objects.filter(campaign=campaign).exists()
    assert len(list((tmp_path / "demo-trustees").iterdir())) == 6  # 3 keys, 3 passphrases
    assert (tmp_path / "demo-credentials" / "codes-de-vote.csv").exists()
    code = next(
        row.split(",")[-1]
        for row in (tmp_path / "demo-credentials" / "codes-de-vote.csv").read_text().splitlines()
        if row.startswith("elec1,")
    )
    cta = scrutins["cta"]
    vote_cast(user=electors[0], scrutin=cta, choice="blanc", code=code, at=times.during)
    clock.set(times.after_results)
    monkeypatch.chdir(tmp_path)
    commands = [line.strip() for line in lines if line.strip().startswith(DEMO_MANAGE)]
    for command in commands:
        for part in command.split(" && "):
            args = shlex.split(part.removeprefix(DEMO_MANAGE))
            call_command(*args, stdout=io.StringIO())
    result = ScrutinResult.objects.get(scrutin=cta)
    assert (result.voters, result.blank) == (1, 1)
    assert os.path.exists(tmp_path / "archive.jsonl")


def test_without_the_demo_campaign_nothing_happens(db):
    assert seed_keys_and_seal(calendar="2014") == []
