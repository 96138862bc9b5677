"""import_scrutins, import_roll, import_candidacies: happy, faulty (nothing written), rerun."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ballots.models import Candidate, CandidateList, RollEntry, Scrutin, Seal

SCRUTINS = (
    "code;libelle;type;perimetre;academie;departement;sieges;mode\n"
    "CTM-MEN;Comité technique ministériel;CTM;national;;;15;internet\n"
    "CTSD-38;CTSD de l'Isère;ctsd;Départemental;grenoble;38;10;internet\n"
    "CCP-GRE;CCP de Grenoble;CCP;academique;grenoble;;3;papier\n"
)


@pytest.fixture
def write(tmp_path):
    def write_file(text: str, name: str = "file.csv", bom: bool = False) -> str:
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
        return str(path)

    return write_file


@pytest.fixture
def scrutins(campaign, academie, write):
    call_command("import_scrutins", write(SCRUTINS, bom=True), campaign=campaign.slug)
    return {s.code: s for s in Scrutin.objects.all()}


def run(command, path, campaign, **options):
    call_command(command, path, campaign=campaign.slug, **options)


def test_scrutins_are_imported_from_a_file_with_bom_semicolons_and_accents(scrutins):
    assert set(scrutins) == {"CTM-MEN", "CTSD-38", "CCP-GRE"}
    assert scrutins["CTSD-38"].kind == "CTSD"
    assert scrutins["CTSD-38"].perimeter == "departemental"
    assert scrutins["CTSD-38"].department == "38"
    assert scrutins["CCP-GRE"].is_paper
    assert scrutins["CTM-MEN"].academie is None


def test_reimporting_the_same_scrutins_changes_nothing(campaign, scrutins, write, capsys):
    run("import_scrutins", write(SCRUTINS), campaign)
    assert "0 créé(s), 0 modifié(s), 3 inchangé(s)" in capsys.readouterr().out
    assert Scrutin.objects.count() == 3


def test_a_faulty_scrutin_file_lists_every_error_by_line_and_writes_nothing(
    campaign, academie, write, capsys
):
    text = (
        "code,libelle,type,perimetre,academie,departement,sieges,mode\n"
        "CTA-GRE,CTA,CTA,academique,grenoble,,10,internet\n"
        "CTX,Inconnu,XYZ,academique,grenoble,,10,internet\n"
        "CTSD-99,CTSD,CTSD,departemental,lyon,,0,courrier\n"
        "CTA-GRE,Doublon,CTA,academique,grenoble,,10,internet\n"
    )
    with pytest.raises(CommandError, match="rien n'a été importé"):
        run("import_scrutins", write(text), campaign)
    errors = capsys.readouterr().err
    assert "line 3: type: « XYZ » inconnu" in errors
    assert "line 4: academie: académie « lyon » inconnue" in errors
    assert "line 4: departement: obligatoire pour un scrutin départemental" in errors
    assert "line 4: sieges:" in errors
    assert "line 4: mode: « courrier » inconnu" in errors
    assert "line 5: code: déjà présent à la ligne 2" in errors
    assert not Scrutin.objects.exists()


def test_skip_invalid_imports_the_valid_scrutins_and_lists_the_others(
    campaign, academie, write, capsys
):
    text = (
        "code,libelle,type,perimetre,sieges,mode\n"
        "CTM-MEN,CTM,CTM,national,15,internet\n"
        "CTM-BAD,CTM,CTM,national,quinze,internet\n"
    )
    run("import_scrutins", write(text), campaign, skip_invalid=True)
    assert list(Scrutin.objects.values_list("code", flat=True)) == ["CTM-MEN"]
    assert "line 3: sieges:" in capsys.readouterr().err


def test_a_file_without_a_required_column_is_refused(campaign, write):
    with pytest.raises(CommandError, match="mode: colonne obligatoire absente"):
        run("import_scrutins", write("code,libelle,type,perimetre,sieges\n"), campaign)


def test_the_roll_links_agents_by_numen_to_scrutins_by_code(campaign, scrutins, directory, write):
    text = "scrutin,numen\nCTM-MEN,08E0512345ABC\nCTSD-38, 08e0512345abc \nCTM-MEN,08G0923456DEF\n"
    run("import_roll", write(text), campaign)
    vincent = directory["vincent"]
    assert set(RollEntry.objects.filter(agent=vincent).values_list("scrutin__code", flat=True)) == {
        "CTM-MEN",
        "CTSD-38",
    }
    assert RollEntry.objects.count() == 3


def test_reimporting_the_roll_changes_nothing(campaign, scrutins, directory, write, capsys):
    path = write("scrutin,numen\nCTM-MEN,08E0512345ABC\nCTM-MEN,08G0923456DEF\n")
    run("import_roll", path, campaign)
    run("import_roll", path, campaign)
    assert "0 créé(s), 0 modifié(s), 2 inchangé(s)" in capsys.readouterr().out
    assert RollEntry.objects.count() == 2


def refused_roll(path, campaign, capsys, *, bad_lines: int) -> str:
    """import_roll refuses the file for `bad_lines` lines; what it printed on stderr."""
    with pytest.raises(CommandError, match=f"{bad_lines} ligne\\(s\\) en erreur"):
        run("import_roll", path, campaign)
    return capsys.readouterr().err


def test_a_roll_row_with_an_unknown_numen_or_scrutin_rejects_the_file_without_showing_the_numen(
    campaign, scrutins, directory, write, capsys
):
    text = (
        "scrutin,numen\nCTM-MEN,08E0512345ABC\nCTM-MEN,08E0000000ZZZ\nCAPN-X,08G0923456DEF\n"
        "CTM-MEN,08E12\n"
    )
    errors = refused_roll(write(text), campaign, capsys, bad_lines=3)
    assert "line 3: numen: aucun agent de l'annuaire n'a ce NUMEN" in errors
    assert "line 4: scrutin: scrutin « CAPN-X » inconnu" in errors
    assert "line 5: numen: NUMEN de 5 caractères" in errors
    assert "08E0000000ZZZ" not in errors and "08E12" not in errors
    assert not RollEntry.objects.exists()


def test_a_numen_repeated_on_several_rows_is_reported_on_each_of_them(
    campaign, scrutins, directory, write, capsys
):
    text = (
        "scrutin,numen\nCTM-MEN,08E0000000ZZZ\nCTSD-38,08E0000000ZZZ\nCTM-MEN,08E12\n"
        "CTSD-38,08E12\nCTM-MEN,08E0512345ABC\nCTSD-38,08e0512345abc\n"
    )
    errors = refused_roll(write(text), campaign, capsys, bad_lines=4)
    for line in (2, 3):
        assert f"line {line}: numen: aucun agent de l'annuaire n'a ce NUMEN" in errors
    for line in (4, 5):
        assert f"line {line}: numen: NUMEN de 5 caractères" in errors
    run("import_roll", write(text), campaign, skip_invalid=True)
    assert set(RollEntry.objects.values_list("scrutin__code", flat=True)) == {"CTM-MEN", "CTSD-38"}


def test_skip_invalid_registers_the_valid_roll_rows(campaign, scrutins, directory, write):
    text = "scrutin,numen\nCTM-MEN,08E0512345ABC\nCTM-MEN,08E0000000ZZZ\n"
    run("import_roll", write(text), campaign, skip_invalid=True)
    assert RollEntry.objects.get().agent == directory["vincent"]


CANDIDACIES = (
    "scrutin,ordre,organisation,sigle,rang,nom,prenom,qualite\n"
    "CTM-MEN,1,Fédération syndicale unitaire,FSU,,,,\n"
    "CTM-MEN,2,Union nationale des syndicats autonomes,UNSA,,,,\n"
    "CTSD-38,1,Syndicat national,SNES-FSU,1,Martin,Claire,titulaire\n"
    "CTSD-38,1,Syndicat national,SNES-FSU,2,Roche,Paul,suppléant\n"
)


def test_candidacies_make_lists_with_candidates_and_sigle_only_lists(campaign, scrutins, write):
    run("import_candidacies", write(CANDIDACIES), campaign)
    ctm = CandidateList.objects.filter(scrutin__code="CTM-MEN").order_by("position")
    assert [item.acronym for item in ctm] == ["FSU", "UNSA"]
    assert not Candidate.objects.filter(candidate_list__scrutin__code="CTM-MEN").exists()
    snes = CandidateList.objects.get(acronym="SNES-FSU")
    assert [(c.rank, c.surname, c.quality) for c in snes.candidates.order_by("rank")] == [
        (1, "Martin", "titulaire"),
        (2, "Roche", "suppleant"),
    ]


def test_reimporting_the_same_candidacies_changes_nothing(campaign, scrutins, write, capsys):
    path = write(CANDIDACIES)
    run("import_candidacies", path, campaign)
    ids = set(Candidate.objects.values_list("id", flat=True))
    run("import_candidacies", path, campaign)
    assert "0 créé(s), 0 modifié(s), 3 inchangé(s)" in capsys.readouterr().out
    assert set(Candidate.objects.values_list("id", flat=True)) == ids


def test_a_changed_candidacy_file_replaces_the_candidates_of_its_lists(campaign, scrutins, write):
    run("import_candidacies", write(CANDIDACIES), campaign)
    changed = CANDIDACIES.replace("2,Roche,Paul,suppléant", "2,Roche,Pauline,suppleant")
    run("import_candidacies", write(changed, name="v2.csv"), campaign)
    names = CandidateList.objects.get(acronym="SNES-FSU").candidates.values_list(
        "first_name", flat=True
    )
    assert sorted(names) == ["Claire", "Pauline"]


def test_faulty_candidacies_are_reported_by_line_and_nothing_is_written(
    campaign, scrutins, write, capsys
):
    text = (
        "scrutin,ordre,organisation,sigle,rang,nom,prenom,qualite\n"
        "CTM-MEN,1,FSU,FSU,,,,\n"
        "CTM-MEN,1,Autre nom,FSU,,,,\n"
        "CTM-MEN,2,UNSA,FSU,,,,\n"
        "CTSD-38,1,SNES,SNES,1,Martin,,titulaire\n"
        "CTSD-38,1,SNES,SNES,1,Roche,Paul,adjoint\n"
        "CAPN-X,1,X,X,,,,\n"
        "CTM-MEN,zéro,X,Y,,,,\n"
    )
    with pytest.raises(CommandError):
        run("import_candidacies", write(text), campaign)
    errors = capsys.readouterr().err
    assert "line 3: organisation: différente de la ligne 2 pour la même liste" in errors
    assert "line 4: sigle: déjà pris par la liste d'ordre 1 à la ligne 2" in errors
    assert "line 5: prenom: obligatoire pour un candidat" in errors
    assert "line 6: qualite:" in errors
    assert "line 7: scrutin: scrutin « CAPN-X » inconnu" in errors
    assert "line 8: ordre:" in errors
    assert not CandidateList.objects.exists()


def test_imports_are_refused_once_the_campaign_is_sealed(campaign, scrutins, write):
    Seal.objects.create(
        campaign=campaign,
        sealed_at=timezone.now(),
        fingerprint="0" * 64,
        sealed_closes=campaign.voting_closes,
    )
    with pytest.raises(CommandError, match="est scellée"):
        run("import_candidacies", write(CANDIDACIES), campaign)
    with pytest.raises(CommandError, match="est scellée"):
        run("import_scrutins", write(SCRUTINS), campaign)
    with pytest.raises(CommandError, match="est scellée"):
        run("import_roll", write("scrutin,numen\n"), campaign)
    assert not CandidateList.objects.exists()


def test_the_sample_files_of_the_demo_import_cleanly(campaign, academie, directory, data_dir):
    run("import_scrutins", str(data_dir / "scrutins.csv"), campaign)
    run("import_roll", str(data_dir / "roll.csv"), campaign)
    run("import_candidacies", str(data_dir / "candidacies.csv"), campaign)
    assert Scrutin.objects.filter(mode="papier").count() == 1
    assert RollEntry.objects.count() == 8
    assert CandidateList.objects.count() == 5


def test_the_admin_cannot_change_a_sealed_campaigns_scrutins(campaign, scrutins, client, make_user):
    Seal.objects.create(
        campaign=campaign,
        sealed_at=timezone.now(),
        fingerprint="0" * 64,
        sealed_closes=campaign.voting_closes,
    )
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    scrutin = scrutins["CTM-MEN"]
    url = f"/admin/ballots/scrutin/{scrutin.pk}/change/"
    assert "Enregistrer" not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "code": "CHANGED",
            "label": "x",
            "kind": "CTM",
            "perimeter": "national",
            "seats": 3,
            "mode": "internet",
            "campaign": campaign.pk,
        },
    )
    assert response.status_code == 403
    scrutin.refresh_from_db()
    assert scrutin.code == "CTM-MEN"


def test_the_exclusive_roll_import_registers_the_same_electors(
    campaign, scrutins, directory, write
):
    path = write("scrutin,numen\nCTM-MEN,08E0512345ABC\nCTSD-38,08E0512345ABC\n")
    run("import_roll", path, campaign, exclusive=True)
    run("import_roll", path, campaign, exclusive=True)
    assert set(RollEntry.objects.values_list("scrutin__code", "agent__identifier")) == {
        ("CTM-MEN", directory["vincent"].identifier),
        ("CTSD-38", directory["vincent"].identifier),
    }
