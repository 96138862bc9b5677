"""The key ceremony: a key pair whose private half leaves memory only as trustees' shares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ballots import crypto
from ballots.models import Campaign, ElectionKey, KeyShareFingerprint, Seal
from core.audit import EventKind, record
from core.paris import paris_format

MAX_TRUSTEES = 20


class KeyCeremonyError(Exception):
    """A refusal of the ceremony, with a French sentence for the operator."""


@dataclass(frozen=True)
class CeremonyResult:
    key: ElectionKey
    files: list[Path]


def trustee_roles(trustees: int) -> list[str]:
    """Who holds share 1..N: the président, the secrétaire, then the délégués."""
    roles = [_("président du bureau de vote"), _("secrétaire du bureau de vote")]
    roles += [_("délégué %(n)s") % {"n": n} for n in range(1, trustees - 1)]
    return roles[:trustees]


def _share_filename(campaign: Campaign, index: int, trustees: int) -> str:
    return f"{campaign.slug}-part-{index}-sur-{trustees}.json"


def keys_generate(
    *,
    campaign: Campaign,
    trustees: int,
    threshold: int,
    out_dir: Path,
    at: datetime,
    actor=None,
    force: bool = False,
) -> CeremonyResult:
    """Create the campaign's key pair and write one 0600 share file per trustee into out_dir.

    The server keeps the public key, the threshold and each file's SHA-256; the
    private key is dropped when this returns. `force` replaces an existing key,
    only while the campaign is not sealed (no ballot can yet depend on it).
    """
    if threshold < 2:
        raise KeyCeremonyError(
            _(
                "Le seuil doit être d'au moins 2 parts : une seule personne ne "
                "doit jamais pouvoir ouvrir l'urne."
            )
        )
    if threshold > trustees:
        raise KeyCeremonyError(
            _("Le seuil (%(k)s) ne peut pas dépasser le nombre de détenteurs (%(n)s).")
            % {"k": threshold, "n": trustees}
        )
    if trustees > MAX_TRUSTEES:
        raise KeyCeremonyError(_("Au plus %(max)s détenteurs de parts.") % {"max": MAX_TRUSTEES})
    if Seal.objects.filter(campaign=campaign).exists():
        raise KeyCeremonyError(
            _("La campagne %(slug)s est scellée : ses clés ne peuvent plus changer.")
            % {"slug": campaign.slug}
        )
    existing = ElectionKey.objects.filter(campaign=campaign).first()
    if existing is not None and not force:
        raise KeyCeremonyError(
            _(
                "La campagne %(slug)s a déjà des clés (créées le %(at)s). "
                "Utilisez --force pour les remplacer avant le scellement."
            )
            % {"slug": campaign.slug, "at": paris_format(existing.created_at)}
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    paths = [out_dir / _share_filename(campaign, i, trustees) for i in range(1, trustees + 1)]
    clashes = [str(path) for path in paths if path.exists()]
    if clashes and not force:
        raise KeyCeremonyError(
            _("Ces fichiers existent déjà, rien n'a été écrit : %(files)s")
            % {"files": ", ".join(clashes)}
        )

    pair = crypto.generate_keypair()
    public_key = pair.public
    shares = crypto.split_private_key(pair.private, threshold=threshold, trustees=trustees)
    del pair  # from here on the private key exists only as shares
    roles = trustee_roles(trustees)
    contents = [
        crypto.share_file_content(
            campaign=campaign.slug,
            share=share,
            threshold=threshold,
            trustees=trustees,
            holder=role,
            public_key=public_key,
        )
        for share, role in zip(shares, roles, strict=True)
    ]
    with transaction.atomic():
        if existing is not None:
            existing.delete()
        key = ElectionKey.objects.create(
            campaign=campaign,
            public_key=public_key.hex(),
            threshold=threshold,
            trustees=trustees,
            created_at=at,
        )
        KeyShareFingerprint.objects.bulk_create(
            KeyShareFingerprint(
                election_key=key,
                index=share.index,
                holder=role,
                digest=crypto.share_digest(content),
            )
            for share, role, content in zip(shares, roles, contents, strict=True)
        )
        for path, content in zip(paths, contents, strict=True):
            _write_private_file(path, content)
        record(
            EventKind.KEYS_GENERATED,
            actor=actor,
            subject=campaign.slug,
            at=at,
            threshold=threshold,
            trustees=trustees,
            public_key_fingerprint=key.fingerprint,
            replaced=existing is not None,
        )
    return CeremonyResult(key=key, files=paths)


def _write_private_file(path: Path, content: bytes) -> None:
    """Write a share readable by its owner only (mode 0600), replacing any previous file."""
    if path.exists():
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
