"""The 30 académies of 2014 with their départements: the benchmark's geography.

`weight` is the académie's rough share of the ministry's staff, so that Versailles,
Créteil and Lille get many agents and Corse few, as in the real directory.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AcademieSpec:
    code: str
    name: str
    numen_code: str
    abbreviation: str
    departments: tuple[str, ...]
    weight: float

    @property
    def mail_domain(self) -> str:
        return f"ac-{self.code}.fr"


ACADEMIES: tuple[AcademieSpec, ...] = (
    AcademieSpec("paris", "Paris", "01", "PAR", ("75",), 4.0),
    AcademieSpec("aix-marseille", "Aix-Marseille", "02", "AIX", ("04", "05", "13", "84"), 4.5),
    AcademieSpec("besancon", "Besançon", "03", "BES", ("25", "39", "70", "90"), 1.6),
    AcademieSpec("bordeaux", "Bordeaux", "04", "BOR", ("24", "33", "40", "47", "64"), 4.5),
    AcademieSpec("caen", "Caen", "05", "CAE", ("14", "50", "61"), 1.9),
    AcademieSpec("clermont", "Clermont-Ferrand", "06", "CLE", ("03", "15", "43", "63"), 1.7),
    AcademieSpec("dijon", "Dijon", "07", "DIJ", ("21", "58", "71", "89"), 2.0),
    AcademieSpec("grenoble", "Grenoble", "08", "GRE", ("07", "26", "38", "73", "74"), 5.0),
    AcademieSpec("lille", "Lille", "09", "LIL", ("59", "62"), 6.5),
    AcademieSpec("lyon", "Lyon", "10", "LYO", ("01", "42", "69"), 4.5),
    AcademieSpec("montpellier", "Montpellier", "11", "MON", ("11", "30", "34", "48", "66"), 4.0),
    AcademieSpec("nancy-metz", "Nancy-Metz", "12", "NAN", ("54", "55", "57", "88"), 3.2),
    AcademieSpec("poitiers", "Poitiers", "13", "POI", ("16", "17", "79", "86"), 2.0),
    AcademieSpec("rennes", "Rennes", "14", "REN", ("22", "29", "35", "56"), 4.0),
    AcademieSpec("strasbourg", "Strasbourg", "15", "STR", ("67", "68"), 2.8),
    AcademieSpec(
        "toulouse", "Toulouse", "16", "TOU", ("09", "12", "31", "32", "46", "65", "81", "82"), 4.5
    ),
    AcademieSpec("nantes", "Nantes", "17", "NTE", ("44", "49", "53", "72", "85"), 4.5),
    AcademieSpec(
        "orleans-tours", "Orléans-Tours", "18", "ORL", ("18", "28", "36", "37", "41", "45"), 3.5
    ),
    AcademieSpec("reims", "Reims", "19", "REI", ("08", "10", "51", "52"), 1.8),
    AcademieSpec("amiens", "Amiens", "20", "AMI", ("02", "60", "80"), 2.7),
    AcademieSpec("rouen", "Rouen", "21", "ROU", ("27", "76"), 2.7),
    AcademieSpec("limoges", "Limoges", "22", "LIM", ("19", "23", "87"), 0.9),
    AcademieSpec("nice", "Nice", "23", "NIC", ("06", "83"), 3.0),
    AcademieSpec("creteil", "Créteil", "24", "CRE", ("77", "93", "94"), 7.0),
    AcademieSpec("versailles", "Versailles", "25", "VER", ("78", "91", "92", "95"), 8.0),
    AcademieSpec("corse", "Corse", "27", "COR", ("2A", "2B"), 0.5),
    AcademieSpec("reunion", "La Réunion", "28", "REU", ("974",), 2.3),
    AcademieSpec("martinique", "Martinique", "31", "MAR", ("972",), 0.8),
    AcademieSpec("guadeloupe", "Guadeloupe", "32", "GUA", ("971",), 0.9),
    AcademieSpec("guyane", "Guyane", "33", "GUY", ("973",), 0.8),
)

BY_CODE = {academie.code: academie for academie in ACADEMIES}


def ensure_academies(codes: list[str] | None = None) -> int:
    """Create (or leave as they are) the académies in the database; returns how many exist.

    Académies have no import command (they are added in admin): the benchmark writes
    them through the model, before the agents' import refers to them by code.
    """
    from webmail_auth.models import Academie

    wanted = [BY_CODE[code] for code in codes] if codes else list(ACADEMIES)
    existing = set(Academie.objects.values_list("code", flat=True))
    Academie.objects.bulk_create(
        [
            Academie(
                code=spec.code,
                name=spec.name,
                mail_domain=spec.mail_domain,
                numen_code=spec.numen_code,
            )
            for spec in wanted
            if spec.code not in existing
        ]
    )
    return Academie.objects.count()
