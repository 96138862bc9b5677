"""Secrets sealed under a passphrase: a trustee's key file.

key = Argon2id(passphrase in UTF-8, salt, opslimit, memlimit), 32 bytes; the file is
canonical JSON {"box": hex of SecretBox(key).encrypt(secret) (nonce ‖ ciphertext),
"format": "electionspro-sealed/v1", "kdf": "argon2id13", "memlimit", "opslimit",
"salt": hex}. A wrong passphrase or an altered file gives ``WrongPassphrase``.
"""

from __future__ import annotations

import json

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from verifier.hashing import canonical_json

SEALED_FORMAT = "electionspro-sealed/v1"


class WrongPassphrase(ValueError):
    """The passphrase does not open the sealed file (or the file was altered)."""


def seal_secret(
    secret: bytes,
    passphrase: str,
    *,
    opslimit: int = nacl.pwhash.argon2id.OPSLIMIT_MODERATE,
    memlimit: int = nacl.pwhash.argon2id.MEMLIMIT_MODERATE,
) -> bytes:
    """Encrypt with SecretBox under an Argon2id key; a JSON file with its parameters."""
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    key = nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
        opslimit=opslimit, memlimit=memlimit,
    )  # fmt: skip
    box = bytes(nacl.secret.SecretBox(key).encrypt(secret))
    return canonical_json(
        {"box": box.hex(), "format": SEALED_FORMAT, "kdf": "argon2id13",
         "memlimit": memlimit, "opslimit": opslimit, "salt": salt.hex()}
    )  # fmt: skip


def open_secret(blob: bytes, passphrase: str) -> bytes:
    """Decrypt a ``seal_secret`` file; ``WrongPassphrase`` if it does not open."""
    try:
        data = json.loads(blob)
        if data["format"] != SEALED_FORMAT or data["kdf"] != "argon2id13":
            raise WrongPassphrase("unknown sealed format")
        key = nacl.pwhash.argon2id.kdf(
            nacl.secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"),
            bytes.fromhex(data["salt"]), opslimit=data["opslimit"], memlimit=data["memlimit"],
        )  # fmt: skip
        return nacl.secret.SecretBox(key).decrypt(bytes.fromhex(data["box"]))
    except (ValueError, KeyError, TypeError, nacl.exceptions.CryptoError) as error:
        raise WrongPassphrase("the passphrase does not open this file") from error
