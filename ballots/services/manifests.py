"""The seal's cryptographic part: each scrutin's manifest, and the board's first events.

The board starts at the seal: `setup` (every internet scrutin's manifest), then
`trustees` (the key ceremony's verified transcript), then one `credentials` event per
scrutin (its sorted public credentials, without names), in the order the verifier
reads them.
"""

from __future__ import annotations

from ballots.booth_assets import booth_hashes
from ballots.models import BoardEvent, Campaign, ElectionKey, EncryptedTotal, Scrutin
from ballots.protocol import Manifest, ciphertexts_json, credential_list_hash, empty_tally
from ballots.services.board import board_append
from ballots.services.credentials import scrutin_credentials
from ballots.services.trustees import trustees_material

BLANK_LABEL = "blanc"


def scrutin_manifest(scrutin: Scrutin, *, key: ElectionKey, credentials: list[str]) -> Manifest:
    """What every ballot of the scrutin is made and checked against: slot 0 is the blank
    vote, then the lists in ballot order; `booth` holds the SHA-256 of each of the booth's
    scripts as they are at the seal."""
    lists = sorted(scrutin.lists.all(), key=lambda lst: lst.position)
    verification_keys, commitments = trustees_material(key)
    return Manifest(
        campaign=scrutin.campaign.slug,
        scrutin=scrutin.code,
        title=scrutin.label,
        slots=(BLANK_LABEL, *(lst.acronym for lst in lists)),
        seats=scrutin.seats,
        public_key=key.public_key,
        n=key.trustees,
        k=key.threshold,
        verification_keys=tuple(verification_keys),
        commitments=tuple(tuple(row) for row in commitments),
        credentials_hash=credential_list_hash(credentials),
        booth=booth_hashes(),
    )


def _internet_scrutins(campaign: Campaign):
    return (
        Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.INTERNET)
        .select_related("campaign")
        .prefetch_related("lists")
        .order_by("code")
    )


def manifests_write(campaign: Campaign) -> None:
    """Each internet scrutin's manifest and fingerprint, and its empty running product."""
    key = ElectionKey.objects.get(campaign=campaign)
    for scrutin in _internet_scrutins(campaign):
        manifest = scrutin_manifest(scrutin, key=key, credentials=scrutin_credentials(scrutin.pk))
        Scrutin.objects.filter(pk=scrutin.pk).update(
            manifest=manifest.to_json(), fingerprint=manifest.fingerprint
        )
        EncryptedTotal.objects.update_or_create(
            scrutin=scrutin,
            defaults={
                "ballots": 0,
                "ciphertexts": ciphertexts_json(empty_tally(len(manifest.slots))),
            },
        )


def board_open(campaign: Campaign, *, configuration: str) -> BoardEvent:
    """Append setup, trustees and the credential lists (inside the seal's transaction)."""
    key = ElectionKey.objects.get(campaign=campaign)
    scrutins = list(_internet_scrutins(campaign))
    setup = board_append(
        campaign=campaign,
        kind=BoardEvent.Kind.SETUP,
        payload={
            "campaign": campaign.slug,
            "configuration": configuration,
            "manifests": [
                scrutin.manifest
                for scrutin in Scrutin.objects.filter(pk__in=[s.pk for s in scrutins]).order_by(
                    "code"
                )
            ],
        },
    )
    board_append(campaign=campaign, kind=BoardEvent.Kind.TRUSTEES, payload=key.transcript)
    for scrutin in scrutins:
        board_append(
            campaign=campaign,
            kind=BoardEvent.Kind.CREDENTIALS,
            payload={"scrutin": scrutin.code, "credentials": scrutin_credentials(scrutin.pk)},
            scrutin=scrutin.code,
        )
    return setup
