"""The count, in two commands around the trustees' own step; no ballot is ever decrypted.

1. `board_close` (after the close): runs the offline verifier on the board (every
   ballot's proofs and signature, the chain, one ballot per credential, no repeated α,
   ballots = émargements), checks every émargement is on its roll and that the running
   product kept at each cast equals the product recomputed from the board, then
   appends `voting_closed` and each scrutin's `encrypted_tally`.
2. Each trustee, on their own machine, decrypts their part from the exported board
   (ballots/trustee_side.py, `trustee_decrypt`).
3. `campaign_count`: checks every partial decryption's proofs, combines at least K,
   recovers the counts, allocates the seats, stores the results and appends the
   `partial_decryption` and `result` events.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ballots.models import (
    Board,
    BoardEvent,
    Campaign,
    EncryptedTotal,
    Participation,
    RollEntry,
    Scrutin,
    ScrutinResult,
    Seal,
)
from ballots.protocol import (
    BrokenChain,
    DecryptionRejected,
    Manifest,
    accumulate,
    ciphertexts_from_json,
    ciphertexts_json,
    combine,
    empty_tally,
    point_from_hex,
    verify_partial_decryption,
    verify_stored_chain,
)
from ballots.seats import allocate_seats
from ballots.selectors_board import campaign_events, campaign_stored_events
from ballots.selectors_voting import scrutins_with_turnout
from ballots.services.archive import board_verify
from ballots.services.board import board_append
from ballots.services.results import ListCount, scrutin_result_store
from ballots.trustee_side import PARTIAL_FORMAT
from core.audit import EventKind, record
from core.paris import paris_format


class TallyRefused(Exception):
    """The count cannot go on; the message says why, in French."""


@dataclass(frozen=True)
class ScrutinCount:
    scrutin: Scrutin
    registered: int
    voters: int
    blank: int
    per_list: dict[int, int]


def _internet(campaign: Campaign):
    return (
        scrutins_with_turnout(campaign)
        .filter(mode=Scrutin.Mode.INTERNET)
        .prefetch_related("lists")
        .order_by("code")
    )


def _check_closed(campaign: Campaign, at: datetime) -> None:
    if not Seal.objects.filter(campaign=campaign).exists():
        raise TallyRefused(
            _("La campagne %(slug)s n'est pas scellée : il n'y a pas d'urne à dépouiller.")
            % {"slug": campaign.slug}
        )
    if not campaign.voting_closed(at=at):
        raise TallyRefused(
            _(
                "Le vote n'est pas clos (clôture le %(closes)s) : l'urne ne peut "
                "pas être dépouillée avant."
            )
            % {"closes": paris_format(campaign.voting_closes)}
        )


def _board_products(campaign: Campaign) -> dict[str, tuple[list, int]]:
    """Each scrutin's product and ballot count, recomputed from the board's ballots."""
    products: dict[str, tuple[list, int]] = {}
    for event in campaign_events(campaign):
        if event["type"] != BoardEvent.Kind.BALLOT:
            continue
        ballot = event["payload"]
        ciphertexts = ciphertexts_from_json(
            [{"alpha": slot["alpha"], "beta": slot["beta"]} for slot in ballot["slots"]]
        )
        product, count = products.get(ballot["scrutin"], (empty_tally(len(ciphertexts)), 0))
        products[ballot["scrutin"]] = (accumulate(product, ciphertexts), count + 1)
    return products


def _off_roll(campaign: Campaign) -> list[str]:
    """Scrutins with an émargement of an agent who is not on their roll."""
    on_roll = RollEntry.objects.filter(scrutin=OuterRef("scrutin"), agent=OuterRef("agent"))
    return sorted(
        set(
            Participation.objects.filter(scrutin__campaign=campaign)
            .exclude(Exists(on_roll))
            .values_list("scrutin__code", flat=True)
        )
    )


def board_close(
    *, campaign: Campaign, at: datetime, actor=None, workers: int | None = None
) -> list[tuple[str, int]]:
    """Check the whole board, close it and publish each scrutin's encrypted tally.

    Returns (scrutin, ballots) per internet scrutin. A vote checked just before the close
    may commit just after it: the board is locked and its head compared with the one
    verified, and a board that moved is verified again, so no ballot is left out.
    Rerunnable: a closed board is left as it is.
    """
    _check_closed(campaign, at)
    for _attempt in range(5):
        scrutins = list(_internet(campaign))
        closed = BoardEvent.objects.filter(campaign=campaign, kind=BoardEvent.Kind.VOTING_CLOSED)
        if closed.exists():
            return [(scrutin.code, scrutin.voters) for scrutin in scrutins]
        report = board_verify(campaign, require_count=False, workers=workers)
        _refuse_unless_sound(campaign, report)
        products = _board_products(campaign)
        with transaction.atomic():
            board = Board.objects.select_for_update().get(campaign=campaign)
            if board.head != report.head:
                continue  # a vote committed meanwhile: verify the board again
            _close(campaign, scrutins, products, at=at)
            record(
                EventKind.BOARD_CLOSED,
                actor=actor,
                subject=campaign.slug,
                at=at,
                ballots=report.ballots,
            )
            return [(s.code, products.get(s.code, ([], 0))[1]) for s in scrutins]
    raise TallyRefused(_("Le tableau change encore : relancez la commande dans un instant."))


def _refuse_unless_sound(campaign: Campaign, report) -> None:
    if not report.ok:
        raise TallyRefused(
            "\n".join(
                [_("Le tableau public ne se vérifie pas : dépouillement refusé.")]
                + [f"  - {failure.sentence()}" for failure in report.failures]
            )
        )
    off_roll = _off_roll(campaign)
    if off_roll:
        raise TallyRefused(
            _(
                "Émargement d'un agent absent de la liste électorale (scrutin(s) %(codes)s) : "
                "dépouillement refusé."
            )
            % {"codes": ", ".join(off_roll)}
        )


def _close(campaign: Campaign, scrutins: list[Scrutin], products: dict, *, at: datetime) -> None:
    """Append voting_closed and each encrypted tally, after checking the running product
    kept at each cast against the product recomputed from the board."""
    totals = {t.scrutin_id: t for t in EncryptedTotal.objects.filter(scrutin__in=scrutins)}
    board_append(
        campaign=campaign, kind=BoardEvent.Kind.VOTING_CLOSED, payload={"at": at.isoformat()}
    )
    for scrutin in scrutins:
        slots = len(scrutin.manifest["slots"])
        product, count = products.get(scrutin.code, (empty_tally(slots), 0))
        total = totals.get(scrutin.pk)
        try:  # InvalidPoint is a ValueError
            kept = ciphertexts_from_json(total.ciphertexts) if total else None
        except (TypeError, ValueError, KeyError):  # altered in the database
            kept = None
        if kept != product or total.ballots != count:
            raise TallyRefused(
                _(
                    "Scrutin %(code)s : le produit chiffré tenu pendant le vote diffère "
                    "de celui des bulletins du tableau. Dépouillement refusé."
                )
                % {"code": scrutin.code}
            )
        board_append(
            campaign=campaign,
            kind=BoardEvent.Kind.ENCRYPTED_TALLY,
            payload={"scrutin": scrutin.code, "tally": ciphertexts_json(product), "ballots": count},
            scrutin=scrutin.code,
        )
    Board.objects.filter(campaign=campaign).update(closed=True)


def partial_file_read(content: bytes, *, campaign: Campaign) -> dict:
    """A trustee's partial-decryption file; TallyRefused with a French reason otherwise."""
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, ValueError):
        raise TallyRefused(_("Fichier de déchiffrement partiel illisible.")) from None
    if not isinstance(document, dict) or document.get("format") != PARTIAL_FORMAT:
        raise TallyRefused(_("Ce fichier n'est pas un déchiffrement partiel electionspro."))
    if document.get("campaign") != campaign.slug:
        raise TallyRefused(
            _("Ce déchiffrement partiel concerne la campagne %(other)s.")
            % {"other": document.get("campaign")}
        )
    if not isinstance(document.get("partials"), list):
        raise TallyRefused(_("Ce déchiffrement partiel est incomplet."))
    return document


def _tally_events(campaign: Campaign) -> dict[str, dict]:
    return {
        event.scrutin: json.loads(event.payload)
        for event in BoardEvent.objects.filter(
            campaign=campaign, kind=BoardEvent.Kind.ENCRYPTED_TALLY
        )
    }


def _partials_by_scrutin(documents: list[dict]) -> dict[str, list[dict]]:
    indices = [document.get("index") for document in documents]
    if len(set(indices)) != len(indices):
        raise TallyRefused(_("Le déchiffrement partiel d'un même scrutateur est fourni deux fois."))
    by_scrutin: dict[str, list[dict]] = {}
    for document in documents:
        for partial in document["partials"]:
            if not isinstance(partial, dict) or partial.get("index") != document.get("index"):
                raise TallyRefused(_("Un déchiffrement partiel est incohérent."))
            body = {key: value for key, value in partial.items() if key != "scrutin"}
            by_scrutin.setdefault(str(partial.get("scrutin")), []).append(body)
    return by_scrutin


def _counts(scrutin: Scrutin, manifest: Manifest, tally: dict, partials: list[dict]) -> list[int]:
    keys = {i + 1: point_from_hex(key) for i, key in enumerate(manifest.verification_keys)}
    ciphertexts = ciphertexts_from_json(tally["tally"])
    for partial in partials:
        try:
            verify_partial_decryption(
                partial,
                verification_keys=keys,
                encrypted_tally=ciphertexts,
                fingerprint=manifest.fingerprint,
            )
        except DecryptionRejected as error:
            raise TallyRefused(
                _(
                    "Scrutin %(code)s : le déchiffrement partiel du scrutateur %(i)s est "
                    "refusé (%(reason)s). Rien n'a été enregistré."
                )
                % {"code": scrutin.code, "i": partial.get("index"), "reason": error.reason}
            ) from None
    if len(partials) < manifest.k:
        raise TallyRefused(
            _(
                "Scrutin %(code)s : %(given)s déchiffrement(s) partiel(s) valide(s), il en faut "
                "au moins %(k)s sur %(n)s. Rien n'a été enregistré."
            )
            % {"code": scrutin.code, "given": len(partials), "k": manifest.k, "n": manifest.n}
        )
    try:
        return combine(
            partials,
            k=manifest.k,
            verification_keys=keys,
            encrypted_tally=ciphertexts,
            fingerprint=manifest.fingerprint,
            max_count=tally["ballots"],
        )
    except DecryptionRejected as error:
        raise TallyRefused(
            _("Scrutin %(code)s : la combinaison échoue (%(reason)s).")
            % {"code": scrutin.code, "reason": error.reason}
        ) from None


def campaign_count(
    *, campaign: Campaign, partial_files: list[bytes], at: datetime, actor=None
) -> list[ScrutinCount]:
    """Check the partial decryptions, count, allocate seats, store and publish the results."""
    _check_closed(campaign, at)
    tallies = _tally_events(campaign)
    if not tallies:
        raise TallyRefused(
            _("L'urne n'est pas encore close : lancez d'abord tally --campaign %(slug)s.")
            % {"slug": campaign.slug}
        )
    if BoardEvent.objects.filter(campaign=campaign, kind=BoardEvent.Kind.RESULT).exists():
        raise TallyRefused(
            _("La campagne %(slug)s est déjà dépouillée : ses résultats sont sur le tableau.")
            % {"slug": campaign.slug}
        )
    try:
        verify_stored_chain(campaign_stored_events(campaign))
    except BrokenChain as error:
        raise TallyRefused(
            _("La chaîne du tableau public est rompue (hauteur %(h)s) : dépouillement refusé.")
            % {"h": error.height}
        ) from None
    documents = [partial_file_read(content, campaign=campaign) for content in partial_files]
    by_scrutin = _partials_by_scrutin(documents)
    scrutins = list(_internet(campaign))
    counted = []
    for scrutin in scrutins:
        manifest = Manifest.from_json(scrutin.manifest)
        partials = by_scrutin.get(scrutin.code, [])
        counted.append(
            (scrutin, partials, _counts(scrutin, manifest, tallies[scrutin.code], partials))
        )
    head = Board.objects.get(campaign=campaign).head
    results = []
    with transaction.atomic():
        for scrutin, partials, _ignored in counted:
            for partial in partials:
                board_append(
                    campaign=campaign,
                    kind=BoardEvent.Kind.PARTIAL_DECRYPTION,
                    payload={"scrutin": scrutin.code, **partial},
                    scrutin=scrutin.code,
                )
        for scrutin, _partials, counts in counted:
            results.append(_publish(campaign, scrutin, counts, seed=head, at=at))
        record(
            EventKind.RESULTS_TALLIED,
            actor=actor,
            subject=campaign.slug,
            at=at,
            scrutins=len(results),
            trustees=sorted(document.get("index") for document in documents),
            publication=campaign.results_from.isoformat(),
        )
    return results


def _publish(
    campaign: Campaign, scrutin: Scrutin, counts: list[int], *, seed: str, at: datetime
) -> ScrutinCount:
    """Seats by the rule (draws seeded by the board's head: reproducible), the result
    event and the stored result."""
    lists = sorted(scrutin.lists.all(), key=lambda lst: lst.position)
    votes = {lst.pk: counts[slot] for slot, lst in enumerate(lists, start=1)}
    rng_seed = f"{seed}:{scrutin.code}"
    allocation = allocate_seats(votes, scrutin.seats, rng=random.Random(rng_seed))  # noqa: S311
    slot_of = {lst.pk: slot for slot, lst in enumerate(lists, start=1)}
    event = board_append(
        campaign=campaign,
        kind=BoardEvent.Kind.RESULT,
        payload={
            "scrutin": scrutin.code,
            "counts": counts,
            "seats": [allocation.seats[lst.pk] for lst in lists],
            "draws": [
                {
                    "seat": draw.seat,
                    "tied": [slot_of[pk] for pk in draw.tied],
                    "winner": slot_of[draw.winner],
                }
                for draw in allocation.draws
            ],
        },
        scrutin=scrutin.code,
    )
    scrutin_result_store(
        scrutin=scrutin,
        source=ScrutinResult.Source.TALLY,
        registered=scrutin.registered,
        voters=sum(counts),
        blank=counts[0],
        invalid=0,
        lists=[ListCount(list_id=pk, votes=n) for pk, n in votes.items()],
        box_digest=event.hash,
        at=at,
        rng=random.Random(rng_seed),  # noqa: S311 - the same public draw as on the board
    )
    return ScrutinCount(
        scrutin=scrutin,
        registered=scrutin.registered,
        voters=sum(counts),
        blank=counts[0],
        per_list=votes,
    )
