"""Opening the box: a quorum of shares rebuilds the key in memory, every ballot is
decrypted and counted, the result is stored, the key is forgotten."""

from __future__ import annotations

import multiprocessing
import os
import random
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots import crypto
from ballots.models import (
    Ballot,
    Campaign,
    ElectionKey,
    Scrutin,
    ScrutinResult,
    Seal,
)
from ballots.selectors_voting import scrutins_with_turnout
from core.audit import EventKind, record
from core.paris import paris_format

from .results import ListCount, scrutin_result_store
from .sealing import seal_intact

CHUNK_SIZE = 5_000
PARALLEL_FROM = 20_000  # ballots in a box before decryption is shared among processes


class TallyRefused(Exception):
    """The tally cannot run; the message says why, in French."""


@dataclass(frozen=True)
class ScrutinCount:
    scrutin: Scrutin
    registered: int
    voters: int
    blank: int
    invalid: int
    per_list: dict[int, int]
    box_digest: str


Progress = Callable[[str, int, int], None]


@sensitive_variables("share_files", "content", "parsed", "shares")
def shares_check(
    *, campaign: Campaign, key: ElectionKey, share_files: list[bytes]
) -> list[crypto.Share]:
    """Read and vet the shares; TallyRefused names the first file that is not acceptable."""
    known = {share.digest: share for share in key.shares.all()}
    shares: dict[int, crypto.Share] = {}
    for number, content in enumerate(share_files, start=1):
        try:
            parsed = crypto.parse_share_file(content)
        except crypto.ShareError as error:
            raise TallyRefused(
                _("Part n° %(n)s refusée : %(reason)s.") % {"n": number, "reason": error}
            ) from None
        if parsed.campaign != campaign.slug or parsed.public_key_fingerprint != key.fingerprint:
            raise TallyRefused(
                _(
                    "Part n° %(n)s refusée : elle appartient à une autre campagne ou "
                    "à d'autres clés."
                )
                % {"n": number}
            )
        if parsed.digest not in known or known[parsed.digest].index != parsed.index:
            raise TallyRefused(
                _(
                    "Part n° %(n)s refusée : son empreinte ne correspond à aucune "
                    "part remise lors de la cérémonie des clés (fichier modifié ?)."
                )
                % {"n": number}
            )
        if parsed.index in shares:
            raise TallyRefused(
                _("La part du détenteur n° %(i)s est fournie deux fois.") % {"i": parsed.index}
            )
        shares[parsed.index] = parsed.share
    if len(shares) < key.threshold:
        raise TallyRefused(
            _(
                "%(given)s part(s) valide(s) fournie(s) : il en faut au moins "
                "%(k)s sur %(n)s pour ouvrir l'urne."
            )
            % {"given": len(shares), "k": key.threshold, "n": key.trustees}
        )
    return list(shares.values())


@dataclass
class BoxCount:
    """One box read and decrypted: counts by choice, invalid ballots, ballots seen, digest."""

    counts: Counter
    invalid: int = 0
    seen: int = 0
    digest: str = ""


class BoxCounter:
    """Decrypts and counts the boxes of a campaign, in worker processes when they are large.

    libsodium's sealed-box opening dominates the tally (about 40 µs a ballot). When the
    campaign's ballots reach `parallel_from`, chunks of every box (however small) go to one
    process per CPU while this process streams the next rows and hashes the trackers; the
    key reaches the workers through the fork, in memory only.
    """

    @sensitive_variables("private_key")
    def __init__(
        self, private_key: bytes, *, workers: int | None = None, parallel_from: int = PARALLEL_FROM
    ) -> None:
        self.opener = crypto.Opener(private_key)
        self._private_key = private_key  # for the workers, created only for a large box
        self.parallel_from = parallel_from
        self.workers = workers or os.cpu_count() or 1
        self.pool = None

    def _pool(self):
        if self.pool is None:
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(
                self.workers, initializer=crypto.worker_init, initargs=(self._private_key,)
            )
        return self.pool

    def count_all(
        self,
        scrutins: list[Scrutin],
        *,
        ballots: int,
        progress: Progress | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> dict[int, BoxCount]:
        """Every box of `scrutins` (`ballots` in all), read in tracker order, by scrutin id."""
        parallel = self.workers > 1 and ballots >= self.parallel_from
        boxes = {scrutin.pk: BoxCount(Counter()) for scrutin in scrutins}
        pending: deque = deque()

        def merge(pk: int, result: tuple[Counter, int]) -> None:
            boxes[pk].counts.update(result[0])
            boxes[pk].invalid += result[1]

        def submit(scrutin: Scrutin, chunk: list[bytes]) -> None:
            if not parallel:
                merge(scrutin.pk, crypto.count_chunk(self.opener, scrutin.code, chunk))
                return
            job = self._pool().apply_async(crypto.worker_count, ((scrutin.code, chunk),))
            pending.append((scrutin.pk, job))
            while len(pending) > 2 * self.workers:
                pk, done = pending.popleft()
                merge(pk, done.get())

        # One stream for the whole campaign, box after box, each in tracker order: one
        # cursor instead of one per scrutin.
        by_pk = {scrutin.pk: scrutin for scrutin in scrutins}
        rows = (
            Ballot.objects.filter(scrutin_id__in=list(by_pk))
            .order_by("scrutin_id", "tracker")
            .values_list("scrutin_id", "tracker", "ciphertext")
            .iterator(chunk_size=chunk_size)
        )
        current: Scrutin | None = None
        hasher, chunk = crypto.BoxHasher(), []

        def finish(scrutin: Scrutin) -> None:
            if chunk:
                submit(scrutin, chunk)
            boxes[scrutin.pk].digest = hasher.hexdigest()
            if progress:
                progress(scrutin.code, boxes[scrutin.pk].seen, scrutin.voters)

        for scrutin_id, tracker, ciphertext in rows:
            if current is None or scrutin_id != current.pk:
                if current is not None:
                    finish(current)
                current, hasher, chunk = by_pk[scrutin_id], crypto.BoxHasher(), []
            hasher.add(tracker)
            chunk.append(bytes(ciphertext))
            boxes[scrutin_id].seen += 1
            if len(chunk) == chunk_size:
                submit(current, chunk)
                chunk = []
                if progress:
                    progress(current.code, boxes[scrutin_id].seen, current.voters)
        if current is not None:
            finish(current)
        for box in boxes.values():
            box.digest = box.digest or crypto.BoxHasher().hexdigest()  # an empty box
        while pending:
            pk, done = pending.popleft()
            merge(pk, done.get())
        return boxes

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        self.opener.forget()
        self._private_key = b""


def box_rewrite(campaign: Campaign) -> None:
    """PostgreSQL: rewrite the closed box in tracker order, in one new transaction.

    While the vote is open, a ballot row sits physically after the ones cast before it
    and carries the id of the transaction that also wrote its émargement (xmin). After
    the rewrite, every ballot of the campaign has the same xmin and the tracker order.
    """
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(Ballot._meta.db_table)
    scrutins = connection.ops.quote_name(Scrutin._meta.db_table)
    of_campaign = f"scrutin_id IN (SELECT id FROM {scrutins} WHERE campaign_id = %s)"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        # No ballot may be written between the copy and the delete below (a vote checked
        # just before the close and committing just after it would otherwise be lost): this
        # lock waits for such a vote to commit and blocks new inserts until the rewrite ends.
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        # Already rewritten (a rerun of the tally): one transaction id for the whole box.
        cursor.execute(
            f"SELECT count(DISTINCT xmin::text) FROM {table} WHERE {of_campaign}",  # noqa: S608
            [campaign.pk],
        )
        if cursor.fetchone()[0] <= 1:
            return
        cursor.execute(
            f"CREATE TEMP TABLE box_rewrite ON COMMIT DROP AS SELECT * FROM {table} "  # noqa: S608
            f"WHERE {of_campaign}",
            [campaign.pk],
        )
        cursor.execute(f"DELETE FROM {table} WHERE {of_campaign}", [campaign.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} SELECT * FROM box_rewrite "  # noqa: S608
            f"ORDER BY scrutin_id, tracker"
        )
        cursor.execute("DROP TABLE box_rewrite")
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {table}")  # the old row versions go


@sensitive_variables("share_files", "shares", "private_key", "counter")
def campaign_tally(
    *,
    campaign: Campaign,
    share_files: list[bytes],
    at: datetime,
    actor=None,
    progress: Progress | None = None,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
    chunk_size: int = CHUNK_SIZE,
) -> list[ScrutinCount]:
    """Count every internet scrutin of a closed campaign and store the results.

    Rerunnable: the same box gives the same counts, and ties are drawn with a
    generator seeded by the box digest, so the same seats.
    """
    if not Seal.objects.filter(campaign=campaign).exists():
        raise TallyRefused(
            _("La campagne %(slug)s n'est pas scellée : il n'y a pas d'urne à dépouiller.")
            % {"slug": campaign.slug}
        )
    if not campaign.voting_closed(at=at):
        raise TallyRefused(
            _(
                "Le vote n'est pas clos (clôture le %(closes)s) : l'urne ne peut "
                "pas être ouverte avant."
            )
            % {"closes": paris_format(campaign.voting_closes)}
        )
    key = ElectionKey.objects.prefetch_related("shares").get(campaign=campaign)
    shares = shares_check(campaign=campaign, key=key, share_files=share_files)
    if not seal_intact(campaign):
        raise TallyRefused(
            _(
                "La configuration de la campagne ne correspond plus à son empreinte "
                "de scellement : dépouillement refusé."
            )
        )
    try:
        private_key = crypto.combine_shares(shares, public_key=key.public_key_bytes)
    except crypto.KeyMismatch:
        raise TallyRefused(
            _(
                "Ces parts ne reconstituent pas la clé de l'élection : vérifiez "
                "qu'elles sont authentiques et en nombre suffisant."
            )
        ) from None
    box_rewrite(campaign)
    counter = BoxCounter(private_key, workers=workers, parallel_from=parallel_from)
    del private_key
    counts: list[ScrutinCount] = []
    try:
        # After the close and the rewrite nothing is written to the box: the émargements
        # counted with the scrutins (one query) are final.
        scrutins = list(
            scrutins_with_turnout(campaign)
            .filter(mode=Scrutin.Mode.INTERNET)
            .prefetch_related("lists")
        )
        boxes = counter.count_all(
            scrutins,
            ballots=sum(scrutin.voters for scrutin in scrutins),
            progress=progress,
            chunk_size=chunk_size,
        )
        for scrutin in scrutins:
            box = boxes[scrutin.pk]
            tally, invalid, seen, digest = box.counts, box.invalid, box.seen, box.digest
            voters = scrutin.voters
            if seen != voters:
                raise TallyRefused(
                    _(
                        "Scrutin %(code)s : %(ballots)s bulletins dans l'urne pour "
                        "%(voters)s émargements. Dépouillement interrompu, rien "
                        "n'a été enregistré."
                    )
                    % {"code": scrutin.code, "ballots": seen, "voters": voters}
                )
            list_ids = {str(lst.pk): lst.pk for lst in scrutin.lists.all()}
            per_list = {pk: tally.get(key_, 0) for key_, pk in list_ids.items()}
            unknown = sum(
                n
                for choice, n in tally.items()
                if choice != crypto.BLANK and choice not in list_ids
            )
            counts.append(
                ScrutinCount(
                    scrutin=scrutin,
                    registered=scrutin.registered,
                    voters=voters,
                    blank=tally.get(crypto.BLANK, 0),
                    invalid=invalid + unknown,
                    per_list=per_list,
                    box_digest=digest,
                )
            )
    finally:
        counter.close()

    with transaction.atomic():
        for count in counts:
            _store(count, at=at)
        record(
            EventKind.RESULTS_TALLIED,
            actor=actor,
            subject=campaign.slug,
            at=at,
            scrutins=len(counts),
            shares=sorted(share.index for share in shares),
            publication=campaign.results_from.isoformat(),
        )
    return counts


def _store(count: ScrutinCount, *, at: datetime) -> None:
    scrutin_result_store(
        scrutin=count.scrutin,
        source=ScrutinResult.Source.TALLY,
        registered=count.registered,
        voters=count.voters,
        blank=count.blank,
        invalid=count.invalid,
        lists=[ListCount(list_id=pk, votes=votes) for pk, votes in count.per_list.items()],
        box_digest=count.box_digest,
        at=at,
        rng=random.Random(count.box_digest),  # noqa: S311 - reproducible public draw
    )
