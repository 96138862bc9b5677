"""The box's cryptography, built only from maintained libraries.

- The campaign key pair is X25519 (PyNaCl / libsodium).
- Each choice is padded to a fixed length and encrypted to the public key with a
  libsodium sealed box: anonymous, randomised, authenticated.
- The 32-byte private key leaves the key ceremony only as Shamir shares
  (PyCryptodome shares 16-byte secrets, so each half of the key is shared with
  the same threshold; one trustee's file holds its share of both halves).

Nothing here touches the database: services call these pure functions.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

SHARE_FORMAT = "electionspro-share/1"
PLAINTEXT_LENGTH = 128  # every choice is padded to this length before encryption
BLANK = "blanc"
TRACKER_LENGTH = 20  # base32 characters (100 bits of SHA-256), shown in groups of 4


class ShareError(ValueError):
    """A share file that cannot be read or does not belong with the others."""


class KeyMismatch(ValueError):
    """The shares combine into a key that is not the campaign's private key."""


@dataclass(frozen=True)
class KeyPair:
    private: bytes
    public: bytes


@dataclass(frozen=True)
class Share:
    """One trustee's share: its index and its 16-byte share of each half of the key."""

    index: int
    halves: tuple[bytes, bytes]


def generate_keypair() -> KeyPair:
    key = PrivateKey.generate()
    return KeyPair(private=bytes(key), public=bytes(key.public_key))


def public_key_fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


def split_private_key(private_key: bytes, *, threshold: int, trustees: int) -> list[Share]:
    """Shamir-share the key: any `threshold` of the `trustees` shares rebuild it."""
    if len(private_key) != 32:
        raise ValueError("An X25519 private key has 32 bytes.")
    first = Shamir.split(threshold, trustees, private_key[:16])
    second = Shamir.split(threshold, trustees, private_key[16:])
    return [
        Share(index=index, halves=(share_a, share_b))
        for (index, share_a), (_same, share_b) in zip(first, second, strict=True)
    ]


def combine_shares(shares: list[Share], *, public_key: bytes) -> bytes:
    """Rebuild the private key and prove it matches `public_key` (else KeyMismatch).

    Shamir combines any shares into *some* secret; only the public key check tells
    a right quorum from wrong or too few shares.
    """
    first = Shamir.combine([(share.index, share.halves[0]) for share in shares])
    second = Shamir.combine([(share.index, share.halves[1]) for share in shares])
    private_key = first + second
    if bytes(PrivateKey(private_key).public_key) != public_key:
        raise KeyMismatch("The shares do not rebuild the campaign's key.")
    return private_key


def share_file_content(
    *, campaign: str, share: Share, threshold: int, trustees: int, holder: str, public_key: bytes
) -> bytes:
    """The bytes of one trustee's share file (JSON; its SHA-256 is kept by the server)."""
    document = {
        "format": SHARE_FORMAT,
        "campaign": campaign,
        "index": share.index,
        "holder": holder,
        "threshold": threshold,
        "trustees": trustees,
        "public_key_fingerprint": public_key_fingerprint(public_key),
        "share": [share.halves[0].hex(), share.halves[1].hex()],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


@dataclass(frozen=True)
class ShareFile:
    campaign: str
    index: int
    holder: str
    threshold: int
    trustees: int
    public_key_fingerprint: str
    share: Share
    digest: str


def parse_share_file(content: bytes) -> ShareFile:
    """Read a share file; ShareError (with a French reason) if it is not one."""
    try:
        document = json.loads(content.decode("utf-8"))
        if document.get("format") != SHARE_FORMAT:
            raise ShareError("ce n'est pas un fichier de part de clé electionspro")
        halves = tuple(bytes.fromhex(part) for part in document["share"])
        if len(halves) != 2 or any(len(half) != 16 for half in halves):
            raise ShareError("la part de clé est tronquée")
        index = int(document["index"])
        return ShareFile(
            campaign=str(document["campaign"]),
            index=index,
            holder=str(document.get("holder", "")),
            threshold=int(document["threshold"]),
            trustees=int(document["trustees"]),
            public_key_fingerprint=str(document["public_key_fingerprint"]),
            share=Share(index=index, halves=(halves[0], halves[1])),
            digest=share_digest(content),
        )
    except ShareError:
        raise
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ShareError("fichier illisible ou incomplet") from error


def share_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def encode_choice(*, scrutin_code: str, choice: str) -> bytes:
    """The fixed-length plaintext: the scrutin (so a ballot cannot move boxes) and the choice."""
    plaintext = json.dumps({"s": scrutin_code, "c": choice}, separators=(",", ":")).encode()
    if len(plaintext) > PLAINTEXT_LENGTH:
        raise ValueError("Choice too long to pad.")
    return plaintext.ljust(PLAINTEXT_LENGTH, b" ")


def encrypt_choice(*, public_key: bytes, scrutin_code: str, choice: str) -> bytes:
    return SealedBox(PublicKey(public_key)).encrypt(
        encode_choice(scrutin_code=scrutin_code, choice=choice)
    )


def tracker_for(ciphertext: bytes) -> str:
    """The ballot tracker: derived from the ciphertext alone, so anyone can recompute it."""
    digest = base64.b32encode(hashlib.sha256(ciphertext).digest()).decode()
    return digest[:TRACKER_LENGTH]


def format_tracker(tracker: str) -> str:
    return "-".join(tracker[i : i + 4] for i in range(0, len(tracker), 4))


# Trackers are RFC 4648 base32 (A-Z, 2-7): the digits 0, 1 and 8 never occur in them, so
# an elector who types what they take for one means the letter it looks like.
LOOK_ALIKES = str.maketrans("018", "OIB")


def normalise_tracker(text: str) -> str:
    """What an elector types (spaces, hyphens, lower case, 0/1/8 for O/I/B) → the stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())[:64].translate(LOOK_ALIKES)


class BoxHasher:
    """SHA-256 over the box's trackers in sorted order, one per line, fed as they stream."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def add(self, tracker: str) -> None:
        self._digest.update(tracker.encode() + b"\n")

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def box_digest(sorted_trackers) -> str:
    hasher = BoxHasher()
    for tracker in sorted_trackers:
        hasher.add(tracker)
    return hasher.hexdigest()


class Opener:
    """Holds the rebuilt private key for one tally; decrypt() never raises."""

    def __init__(self, private_key: bytes) -> None:
        self._box = SealedBox(PrivateKey(private_key))

    def decrypt(self, ciphertext: bytes) -> tuple[str, str] | None:
        """(scrutin code, choice), or None for a ballot that does not decrypt or parse."""
        try:
            document = json.loads(self._box.decrypt(bytes(ciphertext)))
            return str(document["s"]), str(document["c"])
        except (CryptoError, ValueError, KeyError, TypeError):
            return None

    def forget(self) -> None:
        self._box = None


def count_chunk(opener: Opener, scrutin_code: str, ciphertexts) -> tuple[Counter, int]:
    """Count the choices of some ballots of one box; (counts by choice, invalid ballots).

    A ballot that does not decrypt, or that was encrypted for another scrutin, is invalid.
    """
    counts: Counter = Counter()
    invalid = 0
    for ciphertext in ciphertexts:
        opened = opener.decrypt(ciphertext)
        if opened is None or opened[0] != scrutin_code:
            invalid += 1
        else:
            counts[opened[1]] += 1
    return counts, invalid


# Worker processes of a parallel tally: the key reaches them through the pool's pipe and
# lives only in their memory, like the parent's.
_worker_opener: Opener | None = None


def worker_init(private_key: bytes) -> None:
    global _worker_opener
    _worker_opener = Opener(private_key)


def worker_count(job: tuple[str, list[bytes]]) -> tuple[Counter, int]:
    scrutin_code, ciphertexts = job
    return count_chunk(_worker_opener, scrutin_code, ciphertexts)
