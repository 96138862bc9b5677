"""Ballots: round trip, refusals, Benaloh audit, weak Fiat–Shamir and forged proofs."""

import copy

import pytest

from verifier import group as G
from verifier.ballot import (
    BallotRejected,
    audit_ballot,
    ballot_bytes,
    make_ballot,
    parse_ballot,
    signed_part,
    verify_ballot,
)
from verifier.codes import tracking_number
from verifier.credentials import sign
from verifier.elgamal import encrypt, multiply
from verifier.hashing import hash_to_scalar, int_part, text_part
from verifier.proofs import zero_one_prove
from verifier.synthetic import elector, single_key_manifest


@pytest.fixture(scope="module")
def setup():
    manifest, x = single_key_manifest()
    _code, secret, public = elector(manifest)
    return manifest, x, secret, public


def cast(manifest, secret, choice, **kwargs):
    return make_ballot(
        manifest_fingerprint=manifest.fingerprint,
        scrutin=manifest.scrutin,
        public_key=manifest.public_key_point,
        slot_count=len(manifest.slots),
        choice_index=choice,
        credential_secret=secret,
        enc=kwargs.pop("enc", "client"),
        **kwargs,
    )


def decrypt_slot(x, ciphertext):
    alpha, beta = ciphertext
    return G.sub(beta, G.mul(alpha, x))


def test_round_trip_every_choice(setup):
    manifest, x, secret, public = setup
    for choice in range(len(manifest.slots)):
        ballot = cast(manifest, secret, choice)
        data = ballot_bytes(ballot)
        verified = verify_ballot(
            parse_ballot(data), manifest=manifest, allowed_credentials={public}
        )
        assert verified.tracking_number == tracking_number(data)
        assert verified.credential == public
        plain = [decrypt_slot(x, ct) for ct in verified.ciphertexts]
        assert plain == [G.base_mul(int(i == choice)) for i in range(len(manifest.slots))]


def test_homomorphic_product_counts(setup):
    manifest, x, secret, _public = setup
    choices = [0, 1, 1, 3, 1]
    ballots = [verify_ballot(cast(manifest, secret, c), manifest=manifest) for c in choices]
    tally = multiply([b.ciphertexts for b in ballots], len(manifest.slots))
    counts = [decrypt_slot(x, ct) for ct in tally]
    assert counts == [G.base_mul(choices.count(i)) for i in range(4)]
    assert counts[2] == G.IDENTITY  # a list with no votes


def reasons(ballot, manifest, allowed=None):
    with pytest.raises(BallotRejected) as caught:
        verify_ballot(ballot, manifest=manifest, allowed_credentials=allowed)
    return caught.value.reason


def test_refusals_name_their_reason(setup):
    manifest, _x, secret, _public = setup
    ballot = cast(manifest, secret, 1)
    assert reasons(ballot, manifest, allowed={"00" * 32}) == "unknown_credential"
    for key, value, reason in [
        ("scrutin", "AUTRE", "wrong_scrutin"),
        ("fingerprint", "00" * 32, "wrong_fingerprint"),
        ("enc", "paper", "wrong_version"),
        ("extra", 1, "malformed"),
    ]:
        assert reasons({**ballot, key: value}, manifest) == reason
    short = copy.deepcopy(ballot)
    short["slots"].pop()
    assert reasons(short, manifest) == "wrong_slot_count"
    flipped = copy.deepcopy(ballot)
    flipped["slots"][2]["beta"] = G.base_mul(7).hex()
    assert reasons(flipped, manifest) == "bad_proof"
    resigned = copy.deepcopy(ballot)
    resigned["signature"]["response"] = G.scalar_hex(1)
    assert reasons(resigned, manifest) == "bad_signature"


def test_non_canonical_bytes_are_refused(setup):
    manifest, _x, secret, _public = setup
    data = ballot_bytes(cast(manifest, secret, 0))
    with pytest.raises(BallotRejected, match="non_canonical"):
        parse_ballot(data.replace(b'{"credential"', b'{ "credential"', 1))
    with pytest.raises(BallotRejected, match="malformed"):
        parse_ballot(data[:-1])


def test_torsion_tweaked_alpha_is_refused(setup):
    from nacl import bindings as sodium

    from tests.verifier.test_group import T8

    manifest, _x, secret, _public = setup
    ballot = cast(manifest, secret, 1)
    alpha = bytes.fromhex(ballot["slots"][0]["alpha"])
    ballot["slots"][0]["alpha"] = sodium.crypto_core_ed25519_add(alpha, T8).hex()
    assert reasons(ballot, manifest) == "bad_point"


def test_unreduced_response_is_refused(setup):
    manifest, _x, secret, _public = setup
    ballot = cast(manifest, secret, 1)
    proof = ballot["slots"][1]["proof"]
    proof["s0"] = (G.scalar_from_hex(proof["s0"]) + G.ELL).to_bytes(32, "little").hex()
    assert reasons(ballot, manifest) == "bad_scalar"


def test_duplicate_alpha_within_a_ballot_is_refused(setup):
    manifest, _x, secret, _public = setup
    ballot = cast(manifest, secret, 1, randomness=[5, 5, 6, 7])
    assert reasons(ballot, manifest) == "duplicate_alpha"


def resign(ballot, secret, manifest):
    ballot["signature"] = sign(
        secret, signed_part(ballot), context=bytes.fromhex(manifest.fingerprint)
    )
    return ballot


def test_weak_fiat_shamir_proof_is_refused(setup):
    """A 0/1 proof whose challenge hashes only the commitments (Helios's weakness)."""
    manifest, _x, secret, _public = setup
    ballot = cast(manifest, secret, 1)
    y = manifest.public_key_point
    r = 4242
    ciphertext = encrypt(y, 0, r)
    w, c1, s1 = G.random_scalar(), G.random_scalar(), G.random_scalar()
    a1, b1 = ciphertext[0], G.sub(ciphertext[1], G.GENERATOR)
    A0, B0 = G.base_mul(w), G.mul(y, w)
    A1 = G.add(G.base_mul(s1), G.mul(a1, c1))
    B1 = G.add(G.mul(y, s1), G.mul(b1, c1))
    c = hash_to_scalar("slot", A0, B0, A1, B1)  # weak: no statement, no context
    c0 = G.scalar_sub(c, c1)
    s0 = G.scalar_sub(w, G.scalar_mul(c0, r))
    ballot["slots"][0] = {
        "alpha": ciphertext[0].hex(),
        "beta": ciphertext[1].hex(),
        "proof": {k: G.scalar_hex(v) for k, v in (("c0", c0), ("c1", c1), ("s0", s0), ("s1", s1))},
    }
    assert reasons(resign(ballot, secret, manifest), manifest) == "bad_proof"


def test_forged_proof_for_value_two_is_refused(setup):
    """A slot encrypting 2, with a proof attempted as if it were 1: refused."""
    manifest, _x, secret, public = setup
    ballot = cast(manifest, secret, 0)
    y = manifest.public_key_point
    credential = bytes.fromhex(public)
    context = [bytes.fromhex(manifest.fingerprint), text_part(manifest.scrutin), credential]
    r = G.random_scalar()
    two = encrypt(y, 2, r)
    proof = zero_one_prove("slot", [*context, int_part(1)], y, two, value=1, randomness=r)
    ballot["slots"][1] = {"alpha": two[0].hex(), "beta": two[1].hex(), "proof": proof}
    assert reasons(resign(ballot, secret, manifest), manifest) == "bad_proof"


def test_ballot_replayed_under_another_credential_is_refused(setup):
    manifest, _x, secret, _public = setup
    _code, other_secret, other_public = elector(manifest)
    ballot = cast(manifest, secret, 2)
    ballot["credential"] = other_public
    assert reasons(resign(ballot, other_secret, manifest), manifest) == "bad_proof"


def test_benaloh_audit(setup):
    manifest, _x, secret, _public = setup
    randomness = [G.random_scalar() for _ in manifest.slots]
    ballot = cast(manifest, secret, 2, randomness=randomness)
    audit_ballot(ballot, randomness=randomness, choice_index=2, manifest=manifest)
    audit_ballot(
        ballot, randomness=[G.scalar_hex(r) for r in randomness], choice_index=2, manifest=manifest
    )
    with pytest.raises(BallotRejected, match="audit_mismatch"):
        audit_ballot(ballot, randomness=randomness, choice_index=1, manifest=manifest)
    with pytest.raises(BallotRejected, match="audit_mismatch"):
        audit_ballot(ballot, randomness=randomness[::-1], choice_index=2, manifest=manifest)


def _sqrt_mod_ell(a):
    """A square root modulo ℓ (ℓ ≡ 5 mod 8, Atkin's formula), or None."""
    if pow(a, (G.ELL - 1) // 2, G.ELL) != 1:
        return None
    v = pow(2 * a, (G.ELL - 5) // 8, G.ELL)
    i = 2 * a * v * v % G.ELL
    root = a * v * (i - 1) % G.ELL
    assert root * root % G.ELL == a % G.ELL
    return root


def _weak_verify(y, alpha, beta, proof):
    """Helios's weak check: the challenge hashes the commitments only."""
    parts, total = [], 0
    for v in (0, 1):
        c, s = G.scalar_from_hex(proof[f"c{v}"]), G.scalar_from_hex(proof[f"s{v}"])
        parts.append(G.add(G.base_mul(s), G.mul(alpha, c)))
        parts.append(G.add(G.mul(y, s), G.mul(G.sub(beta, G.base_mul(v)), c)))
        total = (total + c) % G.ELL
    return hash_to_scalar("slot", *parts) == total


def test_weak_fiat_shamir_forgery_of_a_non_binary_slot_is_refused(setup):
    """Bernhard–Pereira–Warinschi: with a weak challenge, anyone (no key needed) can
    choose the ciphertext after the challenge and prove "0 or 1" for a random value."""
    manifest, x, secret, _public = setup
    y = manifest.public_key_point
    while True:
        a0, a1, b0, b1 = (G.random_scalar() for _ in range(4))
        A0, A1 = G.base_mul(a0), G.base_mul(a1)
        B0 = G.add(G.base_mul(b0), G.mul(y, a0))
        B1 = G.add(G.base_mul(b1), G.mul(y, a1))
        c = hash_to_scalar("slot", A0, B0, A1, B1)
        total = (c + b0 + b1) % G.ELL
        root = _sqrt_mod_ell((total * total - 4 * c * b0) % G.ELL)
        if root is not None:
            break
    c0 = (total + root) * pow(2, -1, G.ELL) % G.ELL
    c1 = (c - c0) % G.ELL
    sigma = b0 * pow(c0, -1, G.ELL) % G.ELL  # the value the slot really encrypts
    rho = G.random_scalar()
    alpha, beta = G.base_mul(rho), G.add(G.base_mul(sigma), G.mul(y, rho))
    proof = {
        "c0": G.scalar_hex(c0),
        "c1": G.scalar_hex(c1),
        "s0": G.scalar_hex((a0 - c0 * rho) % G.ELL),
        "s1": G.scalar_hex((a1 - c1 * rho) % G.ELL),
    }
    assert _weak_verify(y, alpha, beta, proof)  # the forgery is real
    assert sigma not in (0, 1) and decrypt_slot(x, (alpha, beta)) == G.base_mul(sigma)
    ballot = cast(manifest, secret, 1)
    ballot["slots"][0] = {"alpha": alpha.hex(), "beta": beta.hex(), "proof": proof}
    assert reasons(resign(ballot, secret, manifest), manifest) == "bad_proof"
