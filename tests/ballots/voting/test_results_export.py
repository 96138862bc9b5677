"""export_results: the results CSV of docs/interface.md, exactly."""

import io

from django.core.management import call_command

from ballots.services.results import ListCount, scrutin_result_store


def test_the_export_has_the_documented_columns_and_dot_decimals(sealed, scrutins, times, tmp_path):
    cta = scrutins["cta"]
    lists = {lst.acronym: lst.pk for lst in cta.lists.all()}
    scrutin_result_store(
        scrutin=cta,
        source="depouillement",
        registered=7,
        voters=6,
        blank=1,
        invalid=2,
        lists=[ListCount(lists["FSU"], 2), ListCount(lists["UNSA"], 1)],
        at=times.after_close,
    )
    out = tmp_path / "r.csv"
    call_command("export_results", str(out), campaign="electionspro2014", stdout=io.StringIO())
    assert out.read_text(encoding="utf-8").splitlines() == [
        "scrutin,libelle,inscrits,votants,blancs,nuls,exprimes,participation,sigle,organisation,"
        "voix,pourcentage,sieges",
        "CTA-GRE,CTA de Grenoble,7,6,1,2,3,85.71,FSU,Organisation FSU,2,66.67,2",
        "CTA-GRE,CTA de Grenoble,7,6,1,2,3,85.71,UNSA,Organisation UNSA,1,33.33,1",
        "CTA-GRE,CTA de Grenoble,7,6,1,2,3,85.71,SGEN,Organisation SGEN,0,0.00,0",
    ]


def test_with_no_result_only_the_header_is_written(sealed, tmp_path):
    out = tmp_path / "r.csv"
    err = io.StringIO()
    call_command(
        "export_results", str(out), campaign="electionspro2014", stdout=io.StringIO(), stderr=err
    )
    assert out.read_text().startswith("scrutin,libelle,") and len(out.read_text().splitlines()) == 1
    assert "Aucun résultat" in err.getvalue()
