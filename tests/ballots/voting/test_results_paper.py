"""import_paper_results: the paper scrutins' counts feed the same results."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ballots.models import ScrutinResult

GOOD = (
    "\ufeffscrutin;inscrits;votants;blancs;nuls;sigle;voix\n"
    "CCP-PAP;6;5;1;0;CGT;3\n"
    "CCP-PAP;6;5;1;0;FO;1\n"
)


@pytest.fixture
def paper_file(tmp_path):
    def write(text: str):
        path = tmp_path / "papier.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def after_close(clock, times):
    clock.set(times.after_close)


def test_paper_counts_are_stored_with_their_seats(sealed, scrutins, paper_file, after_close):
    call_command(
        "import_paper_results", paper_file(GOOD), campaign="electionspro2014", stdout=io.StringIO()
    )
    result = ScrutinResult.objects.get(scrutin=scrutins["paper"])
    assert (
        result.source,
        result.registered,
        result.voters,
        result.blank,
        result.invalid,
        result.valid,
    ) == ("papier", 6, 5, 1, 0, 4)
    # 2 seats, quotient 2: CGT 1, FO 0; then CGT 3/2 = 1.5 > FO 1
    assert {
        line.candidate_list.acronym: (line.votes, line.seats) for line in result.lists.all()
    } == {"CGT": (3, 2), "FO": (1, 0)}


def test_importing_the_same_file_twice_changes_nothing(sealed, scrutins, paper_file, after_close):
    path = paper_file(GOOD)
    call_command("import_paper_results", path, campaign="electionspro2014", stdout=io.StringIO())
    first = list(ScrutinResult.objects.values("registered", "voters", "valid", "computed_at"))
    call_command("import_paper_results", path, campaign="electionspro2014", stdout=io.StringIO())
    assert (
        list(ScrutinResult.objects.values("registered", "voters", "valid", "computed_at")) == first
    )


def test_every_faulty_line_is_reported_and_nothing_is_written(
    sealed, scrutins, paper_file, after_close
):
    bad = (
        "scrutin,inscrits,votants,blancs,nuls,sigle,voix\n"
        "CCP-PAP,6,5,1,0,CGT,3\n"
        "CCP-PAP,6,4,1,0,FO,1\n"  # votants differs from line 2
        "CTA-GRE,6,5,0,0,FSU,5\n"  # an internet scrutin
        "NOPE,1,1,0,0,X,1\n"
        "CCP-PAP,6,5,1,0,SUD,x\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_paper_results", paper_file(bad), campaign="electionspro2014")
    message = str(refused.value)
    for expected in [
        "line 3: votants:",
        "line 4: scrutin:",
        "line 5: scrutin:",
        "line 6: voix:",
        "line 6: sigle:",
        "rien n'a été importé",
    ]:
        assert expected in message
    assert not ScrutinResult.objects.exists()


def test_counts_that_do_not_add_up_are_refused(sealed, scrutins, paper_file, after_close):
    wrong = GOOD.replace("FO;1", "FO;2")
    with pytest.raises(CommandError, match="différent des votants"):
        call_command("import_paper_results", paper_file(wrong), campaign="electionspro2014")
    missing = GOOD.splitlines()[0] + "\n" + GOOD.splitlines()[1] + "\n"
    with pytest.raises(CommandError, match="liste\\(s\\) absente\\(s\\) du fichier : FO"):
        call_command("import_paper_results", paper_file(missing), campaign="electionspro2014")
    assert not ScrutinResult.objects.exists()


def test_paper_results_wait_for_the_close(sealed, scrutins, paper_file, clock, times):
    clock.set(times.during)
    with pytest.raises(CommandError, match="pas clos"):
        call_command("import_paper_results", paper_file(GOOD), campaign="electionspro2014")
    assert not ScrutinResult.objects.exists()
