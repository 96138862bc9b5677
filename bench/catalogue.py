"""The scrutins of a ministry-wide campaign and which agents vote in which.

About 30 national scrutins, 20 per académie and 3 per département: 916 scrutins for
the 30 académies. Each agent's roll follows their corps (1 to 7 scrutins).
"""

import random
from dataclasses import dataclass

from .academies import AcademieSpec


@dataclass(frozen=True)
class ScrutinSpec:
    code: str
    label: str
    kind: str
    perimeter: str
    academie: str
    department: str
    seats: int
    mode: str


@dataclass(frozen=True)
class Corps:
    name: str
    weight: float
    letter: str  # staff system letter of the NUMEN
    cap: str  # CAPN/CAPA suffix, "" if none
    first_degree: bool = False
    private: bool = False
    ccp: str = ""
    admin: bool = False
    capa: bool = True  # has an académie-level CAP besides the national one


CORPS: tuple[Corps, ...] = (
    Corps("Professeur des écoles", 38, "G", "", first_degree=True),
    Corps("Professeur certifié", 24, "E", "CERT"),
    Corps("Professeur agrégé", 5, "E", "AGR"),
    Corps("Professeur de lycée professionnel", 6, "E", "PLP"),
    Corps("Professeur d'EPS", 3, "E", "EPS"),
    Corps("Conseiller principal d'éducation", 1.5, "E", "CPE"),
    Corps("Psychologue de l'éducation nationale", 0.5, "E", "PSY"),
    Corps("Enseignant contractuel", 5, "E", "", ccp="ENS"),
    Corps("Maître du privé (premier degré)", 4, "P", "", first_degree=True, private=True),
    Corps("Maître du privé (second degré)", 6, "P", "", private=True),
    Corps("Adjoint administratif", 2, "A", "ADJ", admin=True),
    Corps("Secrétaire administratif", 1.2, "A", "SAE", admin=True),
    Corps("Attaché d'administration", 0.8, "A", "AAE", admin=True),
    Corps("Infirmier", 1, "A", "INF", admin=True),
    Corps("Assistant de service social", 0.4, "A", "ASS", admin=True),
    Corps("Personnel de direction", 1.2, "A", "DIR", admin=True),
    Corps("Inspecteur de l'éducation nationale", 0.2, "A", "IEN", capa=False),
    Corps("Inspecteur pédagogique régional", 0.1, "A", "IPR", capa=False),
    Corps("Adjoint technique de recherche et de formation", 0.6, "A", "ATR", admin=True),
    Corps("Technicien de recherche et de formation", 0.3, "A", "TEC", admin=True),
    Corps("Agent contractuel administratif", 1.5, "A", "", ccp="ADM", admin=True),
    Corps("Assistant d'éducation", 1, "A", "", ccp="AED"),
)

CAP_LABELS = {
    "CERT": "des professeurs certifiés",
    "AGR": "des professeurs agrégés",
    "PLP": "des professeurs de lycée professionnel",
    "EPS": "des professeurs d'éducation physique et sportive",
    "CPE": "des conseillers principaux d'éducation",
    "PSY": "des psychologues de l'éducation nationale",
    "ADJ": "des adjoints administratifs",
    "SAE": "des secrétaires administratifs",
    "AAE": "des attachés d'administration",
    "INF": "des infirmiers",
    "ASS": "des assistants de service social",
    "DIR": "des personnels de direction",
    "IEN": "des inspecteurs de l'éducation nationale",
    "IPR": "des inspecteurs pédagogiques régionaux",
    "ATR": "des adjoints techniques de recherche et de formation",
    "TEC": "des techniciens",
}
ACADEMIC_CAPS = [code for code in CAP_LABELS if code not in ("IEN", "IPR")]
CCP_LABELS = {
    "ENS": "des enseignants contractuels",
    "ADM": "des agents contractuels administratifs",
    "AED": "des assistants d'éducation",
}

# Unions (organisation, sigle): a scrutin's lists are drawn from these.
UNIONS: tuple[tuple[str, str], ...] = (
    ("Fédération syndicale unitaire", "FSU"),
    ("Union nationale des syndicats autonomes", "UNSA"),
    ("Force ouvrière", "FO"),
    ("Confédération générale du travail", "CGT"),
    ("Syndicat général de l'éducation nationale", "SGEN-CFDT"),
    ("Syndicat national des lycées et collèges", "SNALC"),
    ("Solidaires unitaires démocratiques", "SUD"),
    ("Confédération française des travailleurs chrétiens", "CFTC"),
    ("Confédération française de l'encadrement", "CFE-CGC"),
    ("Syndicat national de l'enseignement technique", "SNETAA"),
    ("Syndicat national des personnels techniques", "SNPTES"),
    ("Syndicat professionnel de l'enseignement libre", "SPELC"),
    ("Fédération de l'enseignement privé", "FEP-CFDT"),
    ("Syndicat national de l'enseignement chrétien", "SNEC-CFTC"),
    ("Syndicat indépendant de l'éducation", "SIES"),
    ("Coordination nationale des groupements autonomes", "CNGA"),
    ("Syndicat des enseignants", "SE-UNSA"),
)


def national_scrutins() -> list[ScrutinSpec]:
    scrutins = [
        ScrutinSpec(
            "CTM-MEN",
            "Comité technique ministériel de l'éducation nationale",
            "CTM",
            "national",
            "",
            "",
            15,
            "internet",
        ),
        ScrutinSpec(
            "CCM-MEN",
            "Commission consultative mixte ministérielle des maîtres du privé",
            "CCM",
            "national",
            "",
            "",
            10,
            "internet",
        ),
    ]
    for code, label in CAP_LABELS.items():
        scrutins.append(
            ScrutinSpec(
                f"CAPN-{code}",
                f"Commission administrative paritaire nationale {label}",
                "CAPN",
                "national",
                "",
                "",
                10,
                "internet",
            )
        )
    return scrutins


def academic_scrutins(academie: AcademieSpec) -> list[ScrutinSpec]:
    a, name = academie.abbreviation, academie.name
    scrutins = [
        ScrutinSpec(
            f"CTA-{a}",
            f"Comité technique académique de {name}",
            "CTA",
            "academique",
            academie.code,
            "",
            10,
            "internet",
        ),
        ScrutinSpec(
            f"CTS-{a}",
            f"Comité technique spécial des services de {name}",
            "CTS",
            "academique",
            academie.code,
            "",
            6,
            "internet",
        ),
        ScrutinSpec(
            f"CCMA-{a}",
            f"Commission consultative mixte académique de {name}",
            "CCMA",
            "academique",
            academie.code,
            "",
            6,
            "internet",
        ),
    ]
    for code in ACADEMIC_CAPS:
        scrutins.append(
            ScrutinSpec(
                f"CAPA-{code}-{a}",
                f"CAPA {CAP_LABELS[code]} de {name}",
                "CAPA",
                "academique",
                academie.code,
                "",
                6,
                "internet",
            )
        )
    for code, label in CCP_LABELS.items():
        mode = "papier" if code == "AED" else "internet"
        scrutins.append(
            ScrutinSpec(
                f"CCP-{code}-{a}",
                f"Commission consultative paritaire {label} de {name}",
                "CCP",
                "academique",
                academie.code,
                "",
                4,
                mode,
            )
        )
    for dep in academie.departments:
        scrutins += [
            ScrutinSpec(
                f"CTSD-{dep}",
                f"Comité technique spécial départemental ({dep})",
                "CTSD",
                "departemental",
                academie.code,
                dep,
                10,
                "internet",
            ),
            ScrutinSpec(
                f"CAPD-{dep}",
                f"CAPD des professeurs des écoles ({dep})",
                "CAPD",
                "departemental",
                academie.code,
                dep,
                10,
                "internet",
            ),
            ScrutinSpec(
                f"CCMD-{dep}",
                f"Commission consultative mixte départementale ({dep})",
                "CCMD",
                "departemental",
                academie.code,
                dep,
                5,
                "internet",
            ),
        ]
    return scrutins


def roll_of(corps: Corps, academie: AcademieSpec, department: str, rng: random.Random) -> list[str]:
    """The scrutins an agent of this corps votes in: 1 to 7 codes."""
    a = academie.abbreviation
    if corps.private:
        return ["CCM-MEN", f"CCMD-{department}" if corps.first_degree else f"CCMA-{a}"]
    if corps.ccp == "AED":
        return [f"CCP-AED-{a}"]
    codes = ["CTM-MEN", f"CTA-{a}"]
    if corps.first_degree:
        codes += [f"CTSD-{department}", f"CAPD-{department}"]
    if corps.cap:
        codes.append(f"CAPN-{corps.cap}")
        if corps.capa:
            codes.append(f"CAPA-{corps.cap}-{a}")
    if corps.ccp:
        codes.append(f"CCP-{corps.ccp}-{a}")
    if corps.admin:
        if rng.random() < 0.5:
            codes.append(f"CTS-{a}")
        if rng.random() < 0.3:
            codes.append(f"CTSD-{department}")
    if rng.random() < 0.06:  # agents with two statuses over the year
        extras = [f"CCP-ENS-{a}", f"CCP-ADM-{a}", f"CTS-{a}", f"CTSD-{department}"]
        for code in rng.sample(extras, rng.randint(1, 3)):
            if code not in codes and len(codes) < 7:
                codes.append(code)
    return codes


def list_count(kind: str, bounds: tuple[int, int], rng: random.Random) -> int:
    """How many lists run in a scrutin: many for the CTM, few for a CCP."""
    low, high = {
        "CTM": (12, 17),
        "CTA": (5, 10),
        "CTSD": (4, 8),
        "CTS": (3, 6),
        "CCM": (4, 6),
    }.get(kind, (2, 6))
    low, high = max(low, bounds[0]), min(high, bounds[1])
    return rng.randint(min(low, high), high)
