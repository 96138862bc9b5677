"""End-of-board checks of one scrutin: rolls, encrypted tally, decryption, result, seats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from verifier import group as G
from verifier.decryption import DecryptionRejected, combine, verify_partial_decryption
from verifier.elgamal import Ciphertext, empty_tally
from verifier.seats import SeatsMismatch, check_seats

if TYPE_CHECKING:
    from verifier.checks import ScrutinState, Verification


def final_checks(
    run: Verification, code: str, state: ScrutinState, product: list[Ciphertext] | None
) -> None:
    """Every end-of-board check of scrutin ``code``; failures go to ``run``."""
    manifest = state.manifest
    roll = run.rolls.get(code)
    if state.credentials is None:
        run.fail("missing_credentials", scrutin=code)
    if roll is None:
        run.fail("missing_roll", scrutin=code)
    else:
        if roll["emargements"] != state.ballots:
            detail = f"{state.ballots} bulletins, {roll['emargements']} émargements"
            run.fail("emargements_mismatch", scrutin=code, detail=detail)
        if state.ballots > roll["electors"]:
            run.fail("over_roll", scrutin=code)
        if state.credentials is not None and len(state.credentials) > roll["electors"]:
            run.fail("too_many_credentials", scrutin=code)
    if not run.closed:
        return
    if state.tally is None:
        if state.tally_ballots is None:
            run.fail("missing_tally", scrutin=code)
        return
    if state.tally_ballots != state.ballots:
        run.fail("tally_count", scrutin=code)
    if state.tally != (product or empty_tally(len(manifest.slots))):
        run.fail("tally_mismatch", scrutin=code)
    counts = _decrypt(run, code, state)
    if counts is None:
        return
    run.report.counts[code] = counts
    run.report.labels[code] = manifest.slots
    if sum(counts) != state.ballots:
        run.fail("sum_mismatch", scrutin=code)
    _check_result(run, code, state, counts)


def _decrypt(run: Verification, code: str, state: ScrutinState) -> list[int] | None:
    """Verify every partial decryption, then combine the valid ones (≥ k distinct)."""
    manifest = state.manifest
    keys = {i + 1: G.point_from_hex(key) for i, key in enumerate(manifest.verification_keys)}
    valid: dict[int, Any] = {}
    for height, partial in state.partials:
        index = partial.get("index")
        if not isinstance(index, int):
            run.fail("bad_partial", height, code, detail="index")
            continue
        if index in valid:
            run.fail("duplicate_index", height, code, detail=f"assesseur {index}")
            continue
        try:
            verify_partial_decryption(
                partial,
                verification_keys=keys,
                encrypted_tally=state.tally or [],
                fingerprint=manifest.fingerprint,
            )
        except DecryptionRejected as error:
            run.fail("bad_partial", height, code, detail=f"assesseur {index} : {error.reason}")
            continue
        valid[index] = partial
    if len(valid) < manifest.k:
        run.fail("too_few", scrutin=code, detail=f"{len(valid)} sur {manifest.k} requis")
        return None
    try:
        return combine(
            list(valid.values()),
            k=manifest.k,
            verification_keys=keys,
            encrypted_tally=state.tally or [],
            fingerprint=manifest.fingerprint,
            max_count=state.ballots,
        )
    except DecryptionRejected as error:
        run.fail(error.reason, scrutin=code, detail=error.detail)
        return None


def _check_result(run: Verification, code: str, state: ScrutinState, counts: list[int]) -> None:
    if state.result is None:
        run.fail("missing_result", scrutin=code)
        return
    height, result = state.result
    if not isinstance(result, dict) or set(result) != {"counts", "draws", "scrutin", "seats"}:
        run.fail("bad_result", height, code)
        return
    if result["counts"] != counts:
        run.fail("counts_mismatch", height, code, detail=f"publié {result['counts']}, {counts}")
        return
    try:
        check_seats(counts, state.manifest.seats, result["seats"], result["draws"])
    except (SeatsMismatch, TypeError) as error:
        run.fail("seats_mismatch", height, code, detail=str(error))
        return
    run.report.seats[code] = list(result["seats"])
