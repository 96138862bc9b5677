"""import_agents: validation first, bulk writes, idempotent."""

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from webmail_auth.importing import BATCH_SIZE, import_agent_file
from webmail_auth.models import Agent
from webmail_auth.numen import numen_digest

HEADER = "numen,nom,prenom,academie\n"


@pytest.fixture(params=["batch lookups", "one scan"])
def lookup_path(request, monkeypatch):
    """Small files look agents up batch by batch, big ones read the directory in one scan."""
    from webmail_auth import importing

    if request.param == "one scan":
        monkeypatch.setattr(importing, "PRELOAD_THRESHOLD", 1)
    return request.param


def identifiers_by_numen() -> dict[str, str]:
    return {agent.numen_digest: agent.identifier for agent in Agent.objects.all()}


def test_the_sample_file_imports_cleanly_with_its_awkward_names(academie, run, sample_file):
    out, err = run("import_agents", str(sample_file))
    assert "14 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s)" in out
    assert err == ""
    got = dict(Agent.objects.values_list("identifier", "email"))
    assert got["vdupont"] == "vincent.dupont@ac-grenoble.fr"
    assert got["vdupont2"] == "valerie.dupont@ac-grenoble.fr"
    assert got["jlegall"] == "jean-francois.le-gall@ac-grenoble.fr"
    assert got["vdupont3"] == "victor.dupont@ac-grenoble.fr"
    # The second Vincent Dupont: a full homonym, numbered in both forms.
    assert got["vdupont4"] == "vincent.dupont2@ac-grenoble.fr"
    assert got["andiaye"] == "aissatou.ndiaye@ac-grenoble.fr"
    assert got["mdelafontaine"] == "marie-claire.de-la-fontaine@ac-grenoble.fr"
    assert got["coeuvrard"] == "cecile.oeuvrard@ac-grenoble.fr"
    assert got["jdalembert"] == "jean-baptiste.dalembert@ac-grenoble.fr"
    vincent = Agent.objects.get(identifier="vdupont")
    assert vincent.numen_digest == numen_digest("08E0512345ABC")
    assert (vincent.corps, vincent.workplace) == (
        "Professeur certifié",
        "Lycée Champollion, Grenoble",
    )


def test_the_invalid_file_is_rejected_listing_every_faulty_line_and_nothing_is_written(
    academie, run, invalid_file
):
    with pytest.raises(CommandError) as raised:
        run("import_agents", str(invalid_file))
    assert "rien n'a été importé" in str(raised.value)
    assert Agent.objects.count() == 0


def test_every_fault_of_the_invalid_file_is_reported_as_line_column_reason(
    academie, invalid_file, capsys
):
    from io import StringIO

    from django.core.management import call_command

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_agents", str(invalid_file), stderr=err, stdout=StringIO())
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("line 2: numen: NUMEN de 12 caractères au lieu de 13")
    assert lines[1] == "line 3: nom: valeur obligatoire absente"
    assert lines[2] == "line 4: academie: académie inconnue : atlantide"
    # The first 08E0812345ABF (line 5) is valid; the later one names it.
    assert lines[3] == "line 6: numen: NUMEN déjà présent ligne 5"
    assert lines[4].startswith("line 7: numen: NUMEN mal formé")
    assert len(lines) == 5
    assert not any("line 5:" in line for line in lines)


def test_skip_invalid_imports_the_valid_rows_and_lists_the_others(academie, run, invalid_file):
    out, err = run("import_agents", str(invalid_file), "--skip-invalid")
    assert "1 créé(s), 0 mis à jour, 0 inchangé(s), 5 rejeté(s)" in out
    assert "line 6: numen: NUMEN déjà présent ligne 5" in err
    assert list(Agent.objects.values_list("identifier", "first_name")) == [("lpetit", "Louis")]


def test_reimporting_the_same_file_changes_nothing(lookup_path, academie, run, sample_file):
    run("import_agents", str(sample_file))
    before = list(Agent.objects.order_by("pk").values())
    out, _err = run("import_agents", str(sample_file))
    assert "0 créé(s), 0 mis à jour, 14 inchangé(s), 0 rejeté(s)" in out
    assert list(Agent.objects.order_by("pk").values()) == before


def test_a_reimport_updates_by_numen_and_never_changes_the_identifier(
    lookup_path, academie, run, write
):
    run("import_agents", str(write(HEADER + "08E0512345ABC,Dupont,Vincent,grenoble\n")))
    changed = "numen,nom,prenom,academie,corps\n08e0512345abc ,Durand,Vincent,grenoble,CPE\n"
    out, _err = run("import_agents", str(write(changed)))
    assert "0 créé(s), 1 mis à jour" in out
    agent = Agent.objects.get()
    assert (agent.surname, agent.corps) == ("Durand", "CPE")
    assert agent.identifier == "vdupont"
    assert agent.email == "vincent.dupont@ac-grenoble.fr"


def test_homonyms_are_numbered_in_file_order(academie, run, write):
    text = HEADER + (
        "08E0512345ABC,Dupont,Vincent,grenoble\n"
        "08G0923456DEF,Dupont,Valérie,grenoble\n"
        "08G1477777GGG,Dupont,Vincent,grenoble\n"
    )
    run("import_agents", str(write(text)))
    assert identifiers_by_numen() == {
        numen_digest("08E0512345ABC"): "vdupont",
        numen_digest("08G0923456DEF"): "vdupont2",
        numen_digest("08G1477777GGG"): "vdupont3",
    }


def test_reimporting_in_another_order_keeps_every_identifier(lookup_path, academie, run, write):
    rows = [
        "08E0512345ABC,Dupont,Vincent,grenoble\n",
        "08G0923456DEF,Dupont,Valérie,grenoble\n",
        "08G1477777GGG,Dupont,Vincent,grenoble\n",
    ]
    run("import_agents", str(write(HEADER + "".join(rows))))
    before = identifiers_by_numen()
    emails = dict(Agent.objects.values_list("numen_digest", "email"))
    run("import_agents", str(write(HEADER + "".join(reversed(rows)))))
    assert identifiers_by_numen() == before
    assert dict(Agent.objects.values_list("numen_digest", "email")) == emails


def test_a_newcomer_never_gets_an_identifier_already_given(lookup_path, academie, run, write):
    run("import_agents", str(write(HEADER + "08E0512345ABC,Dupont,Vincent,grenoble\n")))
    Agent.objects.update(is_active=False)  # gone, but their identifier stays theirs
    run("import_agents", str(write(HEADER + "08G0923456DEF,Dupont,Valérie,grenoble\n")))
    assert Agent.objects.get(numen_digest=numen_digest("08G0923456DEF")).identifier == "vdupont2"


def test_homonym_numbering_continues_across_imports(lookup_path, academie, run, write):
    run("import_agents", str(write(HEADER + "08E0512345ABC,Dupont,Vincent,grenoble\n")))
    run("import_agents", str(write(HEADER + "08G1477777GGG,Dupont,Vincent,grenoble\n")))
    newcomer = Agent.objects.get(numen_digest=numen_digest("08G1477777GGG"))
    assert (newcomer.identifier, newcomer.email) == ("vdupont2", "vincent.dupont2@ac-grenoble.fr")


def test_a_bom_semicolons_columns_in_any_order_and_extra_columns_are_accepted(academie, run, write):
    text = "\ufeffAcademie ; Prenom;NOM;numen;commentaire\ngrenoble;Zoé;Lætitia;08E1588888HHH;x\n"
    out, _err = run("import_agents", str(write(text)))
    assert "1 créé(s)" in out
    assert Agent.objects.get().identifier == "zlaetitia"


@pytest.mark.parametrize("given_first", [True, False])
def test_a_given_address_is_used_as_is_and_a_derived_one_avoids_it(
    lookup_path, academie, run, write, given_first
):
    rows = [
        "08E0512345ABC,Dupont,Victor,grenoble,Vincent.Dupont@ac-grenoble.fr\n",
        "08G0923456DEF,Dupont,Vincent,grenoble,\n",
    ]
    if not given_first:
        rows.reverse()
    run("import_agents", str(write("numen,nom,prenom,academie,email\n" + "".join(rows))))
    emails = dict(Agent.objects.values_list("first_name", "email"))
    assert emails == {
        "Victor": "vincent.dupont@ac-grenoble.fr",
        "Vincent": "vincent.dupont2@ac-grenoble.fr",
    }


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (
            "08E0512345ABC,Dupont,Vincent,grenoble,pas-une-adresse",
            "line 2: email: adresse électronique mal formée",
        ),
        (",Dupont,Vincent,grenoble,", "line 2: numen: NUMEN absent"),
        ("08E0512345ABC,Dupont,,grenoble,", "line 2: prenom: valeur obligatoire absente"),
        ("08E0512345ABC,Dupont,Vincent,,", "line 2: academie: valeur obligatoire absente"),
        ("08E0512345ABC,Иванов,Vincent,grenoble,", "line 2: nom: aucune lettre latine"),
    ],
)
def test_each_kind_of_fault_is_named(academie, write, row, error):
    from core.csvfiles import ImportRejected

    with pytest.raises(ImportRejected) as rejected:
        import_agent_file(write("numen,nom,prenom,academie,email\n" + row + "\n"))
    assert error in [str(e) for e in rejected.value.errors]
    assert Agent.objects.count() == 0


def test_an_address_given_twice_names_the_first_line(academie, write):
    from core.csvfiles import ImportRejected

    text = (
        "numen,nom,prenom,academie,email\n"
        "08E0512345ABC,Dupont,Vincent,grenoble,v@ac-grenoble.fr\n"
        "08G0923456DEF,Dupont,Valérie,grenoble,V@ac-grenoble.fr\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        import_agent_file(write(text))
    assert [str(e) for e in rejected.value.errors] == [
        "line 3: email: adresse déjà présente ligne 2"
    ]


def test_an_address_held_by_another_agent_is_refused(academie, run, write):
    from core.csvfiles import ImportRejected

    run("import_agents", str(write(HEADER + "08E0512345ABC,Dupont,Vincent,grenoble\n")))
    text = (
        "numen,nom,prenom,academie,email\n"
        "08G0923456DEF,Dupont,Valérie,grenoble,vincent.dupont@ac-grenoble.fr\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        import_agent_file(write(text))
    assert [str(e) for e in rejected.value.errors] == [
        "line 2: email: adresse déjà attribuée à un autre agent de l'annuaire"
    ]
    assert Agent.objects.count() == 1


def test_a_missing_required_column_is_reported_on_line_1(academie, run, write):
    with pytest.raises(CommandError):
        run("import_agents", str(write("numen,nom\n08E0512345ABC,Dupont\n")))
    from core.csvfiles import ImportRejected

    with pytest.raises(ImportRejected) as rejected:
        import_agent_file(write("numen,nom\n08E0512345ABC,Dupont\n"))
    assert [str(e) for e in rejected.value.errors] == [
        "line 1: prenom: colonne obligatoire absente",
        "line 1: academie: colonne obligatoire absente",
    ]


def test_a_file_that_is_not_utf8_or_missing_is_refused_with_a_sentence(academie, run, write):
    latin1 = write(HEADER + "08E0512345ABC,Lefèvre,Hélène,grenoble\n", encoding="latin-1")
    with pytest.raises(CommandError, match="n'est pas encodé en UTF-8"):
        run("import_agents", str(latin1))
    with pytest.raises(CommandError, match="introuvable"):
        run("import_agents", "/nonexistent/agents.csv")
    assert Agent.objects.count() == 0


def test_the_queries_of_an_import_do_not_grow_with_the_rows(academie, write):
    def rows(count: int, offset: int) -> str:
        lines = [
            f"08E{(offset + i) % 100:02d}{offset + i:05d}ABC,Nom{chr(65 + i % 26)},Jean,grenoble"
            for i in range(count)
        ]
        return HEADER + "\n".join(lines) + "\n"

    with CaptureQueriesContext(connection) as small:
        import_agent_file(write(rows(10, 0), name="small.csv"))
    with CaptureQueriesContext(connection) as large:
        import_agent_file(write(rows(600, 1000), name="large.csv"))
    assert Agent.objects.count() == 610
    # Same batch count (600 < BATCH_SIZE): the same handful of statements, give or take
    # the insert being split in chunks by the database's parameter limit.
    assert BATCH_SIZE > 600
    assert len(large.captured_queries) <= len(small.captured_queries) + 5


def test_long_imports_show_their_progress(academie, write, monkeypatch):
    from webmail_auth import importing

    monkeypatch.setattr(importing, "PROGRESS_EVERY", 10)
    lines = [f"08E{i % 100:02d}{i:05d}ABC,Nom,Jean{chr(65 + i % 26)},grenoble" for i in range(25)]
    seen: list[str] = []
    import_agent_file(write(HEADER + "\n".join(lines) + "\n"), progress=seen.append)
    assert "… 10 lignes vérifiées" in seen
    assert "… 20 lignes vérifiées" in seen
    assert seen[-1] == "… 25 / 25 agents enregistrés"


def test_after_a_pepper_rotation_a_reimport_rekeys_agents_without_renaming_them(
    academie, write, settings
):
    path = write(HEADER + "08E0512345ABC,Dupont,Vincent,grenoble\n")
    import_agent_file(path)
    settings.NUMEN_PEPPER_PREVIOUS = settings.NUMEN_PEPPER
    settings.NUMEN_PEPPER = "the-new-pepper"
    report = import_agent_file(path)
    assert (report.created, report.updated) == (0, 1)
    agent = Agent.objects.get()
    assert agent.numen_digest == numen_digest("08E0512345ABC")
    assert agent.identifier == "vdupont"
