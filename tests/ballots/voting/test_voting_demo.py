"""The demo's key ceremony and seal: shares in a folder, the exact tally command printed."""

import io
import shlex

from django.core.management import call_command

from ballots.demo import seed_keys_and_seal
from ballots.models import ScrutinResult, Seal


def test_the_demo_seals_the_campaign_and_prints_a_tally_command_that_works(
    campaign, scrutins, settings, tmp_path, clock, times
):
    settings.BASE_DIR = tmp_path
    lines = seed_keys_and_seal(calendar="2014")
    assert Seal.objects.filter(campaign=campaign).exists()
    assert len(list((tmp_path / "demo-shares").iterdir())) == 3
    assert str(tmp_path / "demo-shares") in lines[0]
    command = lines[-1][lines[-1].index("python manage.py") :]
    args = shlex.split(command)[2:]
    assert args[0] == "tally"
    clock.set(times.after_close)
    call_command(
        *args[:1],
        "--campaign",
        args[2],
        *[a if a.startswith("--") else str(tmp_path / a) for a in args[3:]],
        stdout=io.StringIO(),
    )
    assert ScrutinResult.objects.filter(scrutin=scrutins["cta"]).exists()


def test_without_the_demo_campaign_nothing_happens(db):
    assert seed_keys_and_seal(calendar="2014") == []
