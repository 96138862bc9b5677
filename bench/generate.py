"""Synthetic HR files at a chosen scale, in the formats the import commands take.

    python -m bench.generate --scale small --out bench-data/small

writes agents.csv (UTF-8 with a BOM, `;`, like the sample HR export), scrutins.csv,
roll.csv and candidacies.csv (`,`), so that the benchmark goes through the real import
commands. Deterministic for a given seed.
"""

import argparse
import csv
import json
import random
import string
import sys
import time
from dataclasses import asdict, dataclass
from itertools import accumulate
from pathlib import Path

from .academies import ACADEMIES, BY_CODE, AcademieSpec
from .catalogue import CORPS, UNIONS, academic_scrutins, list_count, national_scrutins, roll_of
from .names import COMPOUND_FIRST_NAMES, COMPOUND_SURNAMES, FIRST_NAMES, SURNAMES, zipf_weights
from .scales import get_scale

WORKPLACES = (
    "École élémentaire",
    "École maternelle",
    "Collège",
    "Lycée",
    "Lycée professionnel",
    "Rectorat",
    "DSDEN",
)
WORKPLACE_NAMES = (
    "Jean Jaurès",
    "Victor Hugo",
    "Jules Ferry",
    "Marie Curie",
    "Champollion",
    "Louise Michel",
    "Jean Moulin",
    "Émile Zola",
    "Condorcet",
    "Saint-Exupéry",
)


@dataclass
class Generated:
    folder: str
    agents: int
    scrutins: int
    roll_rows: int
    lists: int
    candidacy_rows: int
    seconds: float

    def path(self, name: str) -> Path:
        return Path(self.folder) / f"{name}.csv"


def _names(rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    surnames = rng.choices(SURNAMES, weights=zipf_weights(len(SURNAMES)), k=count)
    firsts = rng.choices(FIRST_NAMES, weights=zipf_weights(len(FIRST_NAMES), 8), k=count)
    for index in range(count):
        draw = rng.random()
        if draw < 0.03:
            surnames[index] = rng.choice(COMPOUND_SURNAMES)
        elif draw < 0.05:
            surnames[index] = f"{surnames[index]}-{rng.choice(SURNAMES)}"
        if rng.random() < 0.05:
            firsts[index] = rng.choice(COMPOUND_FIRST_NAMES)
    return surnames, firsts


def _numen(academie: AcademieSpec, letter: str, serial: int, rng: random.Random) -> str:
    """AA L YY NNNNN LLL, unique per académie through the serial number."""
    high, low = divmod(serial, 100_000)
    letters = ""
    for _ in range(3):
        high, digit = divmod(high, 26)
        letters += string.ascii_uppercase[digit]
    return f"{academie.numen_code}{letter}{rng.randint(70, 99):02d}{low:05d}{letters}"


def generate(
    folder: Path,
    *,
    agents: int,
    academies: tuple[str, ...] | None,
    lists: tuple[int, int],
    seed: int = 2014,
    progress=None,
) -> Generated:
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible)
    folder.mkdir(parents=True, exist_ok=True)
    specs = [BY_CODE[code] for code in academies] if academies else list(ACADEMIES)

    scrutins = national_scrutins()
    for spec in specs:
        scrutins += academic_scrutins(spec)
    with (folder / "scrutins.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["code", "libelle", "type", "perimetre", "academie", "departement", "sieges", "mode"]
        )
        for s in scrutins:
            writer.writerow(
                [s.code, s.label, s.kind, s.perimeter, s.academie, s.department, s.seats, s.mode]
            )

    list_total, candidacy_rows = _write_candidacies(
        folder / "candidacies.csv", scrutins, lists, rng
    )

    academie_of = rng.choices(
        specs, cum_weights=list(accumulate(s.weight for s in specs)), k=agents
    )
    corps_of = rng.choices(CORPS, cum_weights=list(accumulate(c.weight for c in CORPS)), k=agents)
    surnames, firsts = _names(rng, agents)
    serials = dict.fromkeys((s.code for s in specs), 0)
    roll_rows = 0
    agents_path, roll_path = folder / "agents.csv", folder / "roll.csv"
    with (
        agents_path.open("w", newline="", encoding="utf-8-sig") as agents_file,
        roll_path.open("w", newline="", encoding="utf-8") as roll_file,
    ):
        agent_writer = csv.writer(agents_file, delimiter=";")
        roll_writer = csv.writer(roll_file)
        agent_writer.writerow(["numen", "nom", "prenom", "academie", "corps", "affectation"])
        roll_writer.writerow(["scrutin", "numen"])
        covered: set[str] = set()
        pool: dict[str, list[tuple[str, set[str]]]] = {s.code: [] for s in specs}
        for index in range(agents):
            academie, corps = academie_of[index], corps_of[index]
            serials[academie.code] += 1
            numen = _numen(academie, corps.letter, serials[academie.code], rng)
            department = rng.choice(academie.departments)
            workplace = f"{rng.choice(WORKPLACES)} {rng.choice(WORKPLACE_NAMES)} ({department})"
            agent_writer.writerow(
                [numen, surnames[index], firsts[index], academie.code, corps.name, workplace]
            )
            codes = roll_of(corps, academie, department, rng)
            roll_writer.writerows([code, numen] for code in codes)
            roll_rows += len(codes)
            covered.update(codes)
            if len(pool[academie.code]) < 50:
                pool[academie.code].append((numen, set(codes)))
            if progress and index and index % 200_000 == 0:
                progress(f"{index} agents générés")
        roll_rows += _fill_empty_rolls(roll_writer, scrutins, covered, pool, rng)
    result = Generated(
        str(folder),
        agents,
        len(scrutins),
        roll_rows,
        list_total,
        candidacy_rows,
        round(time.perf_counter() - started, 2),
    )
    (folder / "meta.json").write_text(json.dumps(asdict(result), indent=2))
    return result


def _fill_empty_rolls(writer, scrutins, covered: set[str], pool, rng: random.Random) -> int:
    """Put someone on every internet scrutin's roll (sealing refuses an empty one).

    Only tiny scales need it: at 100 000 agents every roll is already populated.
    """
    added = 0
    for scrutin in scrutins:
        if scrutin.code in covered or scrutin.mode != "internet":
            continue
        candidates = pool.get(scrutin.academie) or [a for p in pool.values() for a in p]
        free = [(numen, codes) for numen, codes in candidates if scrutin.code not in codes]
        if not free:
            continue
        numen, codes = rng.choice(free)
        codes.add(scrutin.code)
        writer.writerow([scrutin.code, numen])
        added += 1
    return added


def _write_candidacies(path: Path, scrutins, bounds, rng: random.Random) -> tuple[int, int]:
    """Sigle-only lists for the comités techniques, lists of candidates for the others."""
    lists = rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["scrutin", "ordre", "organisation", "sigle", "rang", "nom", "prenom", "qualite"]
        )
        for scrutin in scrutins:
            count = list_count(scrutin.kind, bounds, rng)
            for order, (organisation, sigle) in enumerate(rng.sample(UNIONS, count), start=1):
                lists += 1
                if scrutin.kind.startswith("CT"):
                    writer.writerow([scrutin.code, order, organisation, sigle, "", "", "", ""])
                    rows += 1
                    continue
                surnames, firsts = _names(rng, 2 * scrutin.seats)
                for rank in range(1, 2 * scrutin.seats + 1):
                    quality = "titulaire" if rank <= scrutin.seats else "suppleant"
                    writer.writerow(
                        [
                            scrutin.code,
                            order,
                            organisation,
                            sigle,
                            rank,
                            surnames[rank - 1],
                            firsts[rank - 1],
                            quality,
                        ]
                    )
                    rows += 1
    return lists, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default=None, help="smoke, small or full (BENCH_SCALE)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)
    scale = get_scale(args.scale)
    folder = args.out or Path("bench-data") / scale.name
    result = generate(
        folder,
        agents=scale.agents,
        academies=scale.academies,
        lists=scale.lists,
        seed=args.seed,
        progress=lambda line: sys.stderr.write(line + "\n"),
    )
    sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
