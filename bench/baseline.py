"""Baseline views: the floor each path is compared with, measured side by side.

Mounted under /_bench/ by bench.urls, which only electionspro.settings.bench uses:
they are never reachable in production.

- constant: the cheapest Django response through the same middleware stack;
- elector-constant: the same constant for a logged-in elector only: the session and the
  user are read (two queries), the floor of any page of the elector space;
- argon2: one Argon2id check at the portal's parameters (accounts.hashers);
- two-inserts: two rows written in one transaction (the shape of a vote: émargement
  and ballot), through Django's connection;
- verify-two-inserts: the verification of one 11-slot ballot (proofs and signature,
  verifier.ballot) and the two inserts: the floor of a vote step 2 that must check the
  ballot it accepts;
- make-verify-two-inserts: the same, the ballot first made as the server makes it without
  JavaScript (credential derived from the voting code, encryption, proofs, signature).
"""

import secrets

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accounts.hashers import OwaspArgon2PasswordHasher
from verifier.ballot import ballot_bytes, make_ballot, parse_ballot, verify_ballot
from verifier.credentials import derive_credential
from verifier.synthetic import elector, single_key_manifest

BENCH_PASSWORD = "Bench-Electeur-2014"  # noqa: S105 (synthetic electors of the bench only)
_HASHER = OwaspArgon2PasswordHasher()
# A salt of 24 letters and digits: enough entropy for Django's must_update() to keep the
# hash as it is (a weak salt would make every login re-hash and save the password).
BENCH_HASH = _HASHER.encode(BENCH_PASSWORD, "h6BenchSaltQx7Lp2Vw9Zr4T")


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def elector_constant(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponse(b"no", status=403, content_type="text/plain")
    return HttpResponse(b"ok", content_type="text/plain")


def _sample_elector():
    """An 11-slot manifest and one elector's voting code and public credential, made once per
    process."""
    manifest, _x = single_key_manifest(slots=("blanc", *(f"L{i}" for i in range(1, 11))))
    code, _secret, public = elector(manifest)
    manifest, _x = single_key_manifest(slots=manifest.slots, credentials=[public], x=_x)
    return manifest, code, public


def _made_ballot(*, enc: str) -> bytes:
    """An 11-slot ballot made with the elector's credential, derived from the voting code."""
    secret, _public = derive_credential(
        code=_CODE, campaign=_MANIFEST.campaign, scrutin=_MANIFEST.scrutin
    )
    ballot = make_ballot(
        manifest_fingerprint=_MANIFEST.fingerprint,
        scrutin=_MANIFEST.scrutin,
        public_key=_MANIFEST.public_key_point,
        slot_count=len(_MANIFEST.slots),
        choice_index=3,
        credential_secret=secret,
        enc=enc,
    )
    return ballot_bytes(ballot)


_MANIFEST, _CODE, _CREDENTIAL = _sample_elector()
_BALLOT = _made_ballot(enc="client")


def _check_ballot(data: bytes = _BALLOT) -> bool:
    verify_ballot(parse_ballot(data), manifest=_MANIFEST, allowed_credentials={_CREDENTIAL})
    return True


def _check_password(request: HttpRequest) -> bool:
    return _HASHER.verify(request.POST.get("password", ""), BENCH_HASH)


def _two_inserts() -> None:
    elector, scrutin = secrets.randbits(62), secrets.randbelow(1000)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_emargement (elector, scrutin) VALUES (%s, %s)", [elector, scrutin]
        )
        cursor.execute(
            "INSERT INTO bench_ballot (id, scrutin, ciphertext) VALUES (%s, %s, %s)",
            [secrets.token_hex(16), scrutin, secrets.token_bytes(120)],
        )


@csrf_exempt
def argon2(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or not _check_password(request):
        return HttpResponse(b"no", status=400, content_type="text/plain")
    return HttpResponse(b"ok", content_type="text/plain")


@csrf_exempt
def two_inserts(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(b"no", status=405, content_type="text/plain")
    _two_inserts()
    return HttpResponse(b"ok", content_type="text/plain")


@csrf_exempt
def verify_two_inserts(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or not _check_ballot():
        return HttpResponse(b"no", status=400, content_type="text/plain")
    _two_inserts()
    return HttpResponse(b"ok", content_type="text/plain")


@csrf_exempt
def make_verify_two_inserts(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or not _check_ballot(_made_ballot(enc="server")):
        return HttpResponse(b"no", status=400, content_type="text/plain")
    _two_inserts()
    return HttpResponse(b"ok", content_type="text/plain")


def ensure_tables() -> None:
    """The baseline's two tables, shaped like the box: a unique (elector, scrutin) index."""
    serial = "BIGSERIAL" if connection.vendor == "postgresql" else "INTEGER"
    blob = "BYTEA" if connection.vendor == "postgresql" else "BLOB"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS bench_emargement (id {serial} PRIMARY KEY, "
            "elector BIGINT NOT NULL, scrutin INTEGER NOT NULL, "
            "at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, UNIQUE (elector, scrutin))"
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_ballot (id CHAR(32) PRIMARY KEY, "
            f"scrutin INTEGER NOT NULL, ciphertext {blob} NOT NULL)"
        )


urlpatterns = [
    path("constant/", constant, name="bench-constant"),
    path("elector-constant/", elector_constant, name="bench-elector-constant"),
    path("argon2/", argon2, name="bench-argon2"),
    path("two-inserts/", two_inserts, name="bench-two-inserts"),
    path("verify-two-inserts/", verify_two_inserts, name="bench-verify-two-inserts"),
    path("make-verify-two-inserts/", make_verify_two_inserts, name="bench-make-verify-two-inserts"),
]
