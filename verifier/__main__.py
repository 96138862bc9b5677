"""``python -m verifier ARCHIVE``: check a campaign's archive; exit 0 only if all holds.

Each failure is one French sentence naming the event height, the scrutin and the
tracking number concerned. Exit codes: 0 all checks hold, 1 a check failed, 2 the
file cannot be read as an archive.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from verifier.checks import Report, verify_archive


def describe(report: Report, code: str, counts: list[int]) -> str:
    """« Vote blanc 2, FSU 3 voix (2 sièges), … » for one scrutin."""
    labels = report.labels.get(code) or tuple(f"case {i}" for i in range(len(counts)))
    seats = report.seats.get(code)
    parts = [f"{labels[0]} {counts[0]}"]
    for slot in range(1, len(counts)):
        won = f", {seats[slot - 1]} siège(s)" if seats else ""
        parts.append(f"{labels[slot]} {counts[slot]} voix{won}")
    return " ; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verifier",
        description="Vérifie l'archive publique d'une campagne de vote (tableau, bulletins, "
        "preuves, dépouillement, résultats).",
    )
    parser.add_argument("archive", help="le fichier d'archive (JSON Lines)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processus (défaut : tous)"
    )
    parser.add_argument(
        "--en-cours",
        dest="open_vote",
        action="store_true",
        help="le vote n'est pas clos : ne pas exiger le dépouillement",
    )
    parser.add_argument(
        "--tete", dest="head", help="la tête du tableau publiée (page de l'urne, PV, récépissé)"
    )
    parser.add_argument(
        "--vu",
        dest="seen",
        action="append",
        default=[],
        help="une tête relevée plus tôt (récépissé, visite de la page) : elle doit y figurer",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = verify_archive(
        args.archive,
        workers=max(1, args.workers),
        require_count=not args.open_vote,
        expected_head=args.head,
        seen_heads=args.seen,
    )
    elapsed = time.monotonic() - started
    if report.failures and report.failures[0].reason == "unreadable":
        print(f"Archive illisible : {report.failures[0].detail}.", file=sys.stderr)
        return 2
    for code, counts in sorted(report.counts.items()):
        print(f"Scrutin {code} : {describe(report, code, counts)}.")
    for code, number in sorted(report.server_encrypted.items()):
        print(f"Scrutin {code} : {number} bulletin(s) chiffré(s) par le serveur (sans JavaScript).")
    for code, number in sorted(report.replacements.items()):
        print(f"Scrutin {code} : {number} identifiant(s) de vote remplacé(s) pendant le vote.")
    if report.ok:
        print(
            f"Archive de la campagne {report.campaign} vérifiée : {report.ballots} bulletins, "
            f"toutes les vérifications sont réussies ({elapsed:.1f} s). "
            f"Tête du tableau : {report.head}."
        )
        return 0
    for failure in report.failures:
        print(failure.sentence(), file=sys.stderr)
    print(
        f"ÉCHEC : {len(report.failures)} vérification(s) en défaut sur l'archive de la "
        f"campagne {report.campaign}.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
