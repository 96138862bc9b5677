"""Bulk imports on PostgreSQL: statistics refreshed at the end, foreign keys kept."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from ballots.models import RollEntry, Scrutin
from webmail_auth.models import Agent

pytestmark = pytest.mark.postgres

SCRUTINS = (
    "code;libelle;type;perimetre;academie;departement;sieges;mode\n"
    "CTM-MEN;Comité technique ministériel;CTM;national;;;15;internet\n"
    "CTA-GRE;CTA de Grenoble;CTA;academique;grenoble;;10;internet\n"
)
ROLL = "scrutin,numen\nCTM-MEN,08E0512345ABC\nCTA-GRE,08E0512345ABC\nCTM-MEN,08G0923456DEF\n"


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture
def files(tmp_path, campaign, academie, directory):
    (tmp_path / "scrutins.csv").write_text(SCRUTINS)
    (tmp_path / "roll.csv").write_text(ROLL)
    call_command("import_scrutins", str(tmp_path / "scrutins.csv"), campaign=campaign.slug)
    return tmp_path


def estimated_rows(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


def foreign_keys(model) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [model._meta.db_table],
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_planner_knows_the_roll_size_right_after_its_import(campaign, files):
    call_command("import_roll", str(files / "roll.csv"), campaign=campaign.slug)
    assert estimated_rows(RollEntry) == 3


def test_an_exclusive_roll_import_keeps_its_foreign_keys_and_they_still_refuse_a_stray_row(
    campaign, files
):
    before = foreign_keys(RollEntry)
    call_command("import_roll", str(files / "roll.csv"), campaign=campaign.slug, exclusive=True)
    assert RollEntry.objects.count() == 3
    assert foreign_keys(RollEntry) == before and len(before) == 2
    entry = RollEntry.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        RollEntry.objects.create(scrutin_id=entry.scrutin_id, agent_id=10**9)
        connection.check_constraints()


def test_the_planner_knows_the_directory_and_the_scrutins_right_after_their_import(campaign, files):
    sample = files.parent / "agents.csv"
    sample.write_text(
        "numen,nom,prenom,academie\n08E1111111AAA,Martin,Anne,grenoble\n"
        "08E2222222BBB,Petit,Louis,grenoble\n"
    )
    call_command("import_agents", str(sample))
    assert estimated_rows(Agent) == Agent.objects.count() == 5
    assert estimated_rows(Scrutin) == 2
