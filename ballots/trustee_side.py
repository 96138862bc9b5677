"""What a trustee does on their own machine: functions over files, no database.

The trustee's secrets (polynomial, then their share of the key) live only in their
key file, sealed under their passphrase (verifier.trustees.seal_secret); the
messages they hand to the server are public. The trustee commands
(`trustee_keygen`, `trustee_decrypt`) read and write these files. Secrets are marked
sensitive: an error report never shows a passphrase, a polynomial or a share.
"""

from __future__ import annotations

import json
from typing import Any

import nacl.pwhash
from django.views.decorators.debug import sensitive_variables

from ballots.protocol import (
    Manifest,
    WrongPassphrase,
    base_mul,
    canonical_json,
    ciphertexts_from_json,
    open_archive,
    open_secret,
    partial_decryption,
    scalar_from_hex,
    seal_secret,
    trustee_round2,
    trustee_round3,
    trustee_start,
    verify_archive,
)

CEREMONY_FORMAT = "electionspro-ceremony/1"
MESSAGE_FORMAT = "electionspro-trustee-message/1"
KEY_FORMAT = "electionspro-trustee-key/1"
KDF_LIMITS = {
    "moderate": (nacl.pwhash.argon2id.OPSLIMIT_MODERATE, nacl.pwhash.argon2id.MEMLIMIT_MODERATE),
    "interactive": (
        nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
        nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    ),
    # Demo and tests only: seconds matter more than resisting a stolen file there.
    "demo": (nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN),
}


class TrusteeFileError(Exception):
    """A file a trustee cannot use, with a French sentence."""


def read_json(data: bytes, *, expected: str, what: str) -> dict[str, Any]:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise TrusteeFileError(f"{what} : fichier JSON illisible.") from None
    if not isinstance(document, dict) or document.get("format") != expected:
        raise TrusteeFileError(f"{what} : ce n'est pas le bon type de fichier ({expected}).")
    return document


@sensitive_variables("secrets", "passphrase")
def seal_key(secrets: dict, *, passphrase: str, kdf: str = "moderate") -> bytes:
    opslimit, memlimit = KDF_LIMITS[kdf]
    return seal_secret(
        canonical_json({**secrets, "format": KEY_FORMAT}),
        passphrase,
        opslimit=opslimit,
        memlimit=memlimit,
    )


@sensitive_variables("passphrase", "plain")
def open_key(sealed: bytes, *, passphrase: str) -> dict[str, Any]:
    try:
        plain = open_secret(sealed, passphrase)
    except WrongPassphrase:
        raise TrusteeFileError(
            "Fichier de clé : la phrase de passe ne l'ouvre pas (ou le fichier a été modifié)."
        ) from None
    return read_json(plain, expected=KEY_FORMAT, what="Fichier de clé")


def _message(ceremony: dict, name: str, message: dict) -> bytes:
    document = {
        "format": MESSAGE_FORMAT,
        "campaign": ceremony["campaign"],
        "name": name,
        "message": message,
    }
    return canonical_json(document)


@sensitive_variables("passphrase", "secrets")
def keygen_step1(
    ceremony: dict, *, index: int, name: str, passphrase: str, kdf: str = "moderate"
) -> tuple[bytes, bytes]:
    """A fresh polynomial and encryption key: (sealed key file, round-1 message file)."""
    n, k = ceremony["n"], ceremony["k"]
    if not 1 <= index <= n:
        raise TrusteeFileError(f"Numéro de scrutateur invalide : {index} (1 à {n}).")
    secrets, round1 = trustee_start(index=index, n=n, k=k)
    secrets = {**secrets, "campaign": ceremony["campaign"], "name": name}
    return seal_key(secrets, passphrase=passphrase, kdf=kdf), _message(ceremony, name, round1)


def _check_ceremony(ceremony: dict, secrets: dict, *, needs: str) -> None:
    if ceremony["campaign"] != secrets["campaign"]:
        raise TrusteeFileError(
            f"Ce fichier de cérémonie concerne {ceremony['campaign']}, "
            f"votre clé {secrets['campaign']}."
        )
    if len(ceremony.get(needs, [])) != ceremony["n"]:
        raise TrusteeFileError(
            f"Le fichier de cérémonie n'a pas encore les {ceremony['n']} messages de l'étape "
            f"précédente : attendez que tous les scrutateurs l'aient terminée."
        )


@sensitive_variables("passphrase", "secrets")
def keygen_step2(ceremony: dict, *, sealed: bytes, passphrase: str) -> bytes:
    """The round-2 message: commitments, proof, shares encrypted to each other trustee."""
    secrets = open_key(sealed, passphrase=passphrase)
    _check_ceremony(ceremony, secrets, needs="round1")
    round2 = trustee_round2(secrets, round1=ceremony["round1"], campaign=ceremony["campaign"])
    return _message(ceremony, secrets["name"], round2)


@sensitive_variables("passphrase", "secrets", "updated")
def keygen_step3(
    ceremony: dict, *, sealed: bytes, passphrase: str, kdf: str = "moderate"
) -> tuple[bytes, bytes]:
    """Check the shares received: (new sealed key file holding only the share, message)."""
    secrets = open_key(sealed, passphrase=passphrase)
    _check_ceremony(ceremony, secrets, needs="round2")
    message, updated = trustee_round3(
        secrets, round1=ceremony["round1"], round2=ceremony["round2"], campaign=ceremony["campaign"]
    )
    return seal_key(updated, passphrase=passphrase, kdf=kdf), _message(
        ceremony, secrets["name"], message
    )


PARTIAL_FORMAT = "electionspro-partial/1"
# What the verifier may still miss before the trustees' step: their own partials and
# the result that follows them. Any other failure stops the trustee.
PENDING = {"too_few", "missing_result"}


@sensitive_variables("passphrase", "secrets", "share")
def partial_decrypt(archive_path, *, sealed: bytes, passphrase: str) -> tuple[bytes, list[str]]:
    """The trustee's partial decryption of every scrutin, made from the board itself.

    The whole archive is verified first (every ballot, the chain, and each encrypted
    tally against the product of the board's ballots): a tally handed over by the
    server is never trusted. Returns (the partial file, the scrutins decrypted).
    """
    secrets = open_key(sealed, passphrase=passphrase)
    if not secrets.get("share"):
        raise TrusteeFileError("Fichier de clé : la cérémonie des clés n'est pas terminée.")
    header, _lines = open_archive(archive_path)
    _lines.close()
    if header["campaign"] != secrets["campaign"]:
        raise TrusteeFileError(
            f"Ce tableau est celui de {header['campaign']}, votre clé celle de "
            f"{secrets['campaign']}."
        )
    report = verify_archive(archive_path, workers=1, require_count=True)
    blocking = [f for f in report.failures if f.reason not in PENDING]
    if blocking:
        raise TrusteeFileError(
            "\n".join(
                ["Le tableau ne se vérifie pas : aucun déchiffrement n'a été fait."]
                + [f"  - {failure.sentence()}" for failure in blocking]
            )
        )
    manifests, tallies = {}, {}
    _header, lines = open_archive(archive_path)
    for line in lines:
        event = json.loads(line)
        if event["type"] == "setup":
            for data in event["payload"]["manifests"]:
                manifest = Manifest.from_json(data)
                manifests[manifest.scrutin] = manifest
        elif event["type"] == "encrypted_tally":
            tallies[event["payload"]["scrutin"]] = event["payload"]["tally"]
    if set(tallies) != set(manifests):
        raise TrusteeFileError("Le tableau n'a pas encore d'urne chiffrée pour chaque scrutin.")
    document = partials_document(secrets, manifests=manifests, tallies=tallies, head=report.head)
    return canonical_json(document), sorted(manifests)


@sensitive_variables("secrets", "share")
def partials_document(
    secrets: dict, *, manifests: dict[str, Manifest], tallies: dict[str, list], head: str
) -> dict:
    """The trustee's partial decryption of each scrutin's encrypted tally (`tallies`, by
    code), with proofs: only ever called on tallies the trustee has just checked against
    a verified board (`partial_decrypt`)."""
    share, index = scalar_from_hex(secrets["share"]), secrets["index"]
    partials = []
    for code, manifest in sorted(manifests.items()):
        if manifest.verification_keys[index - 1] != base_mul(share).hex():
            raise TrusteeFileError("Votre clé ne correspond pas à celle du manifeste.")
        partial = partial_decryption(
            secret_share=share,
            index=index,
            encrypted_tally=ciphertexts_from_json(tallies[code]),
            fingerprint=manifest.fingerprint,
        )
        partials.append({"scrutin": code, **partial})
    return {
        "format": PARTIAL_FORMAT,
        "campaign": secrets["campaign"],
        "index": index,
        "head": head,
        "partials": partials,
    }
