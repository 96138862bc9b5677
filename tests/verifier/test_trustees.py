"""Dealer-less key generation, sealed secrets and threshold decryption."""

import itertools

import nacl.pwhash
import pytest

from verifier import group as G
from verifier.decryption import (
    DecryptionRejected,
    combine,
    discrete_log,
    lagrange_at_zero,
    partial_decryption,
)
from verifier.elgamal import encrypt, multiply
from verifier.synthetic import run_ceremony
from verifier.trustees import (
    CeremonyFailed,
    WrongPassphrase,
    combine_public_key,
    open_secret,
    seal_secret,
    trustee_round2,
    trustee_round3,
    trustee_start,
    verify_trustees,
)

CAMPAIGN = "elections2026"


@pytest.fixture(scope="module")
def ceremony():
    return run_ceremony(n=3, k=2, campaign=CAMPAIGN)


def test_every_k_subset_decrypts_and_the_key_is_never_rebuilt(ceremony):
    payload, shares = ceremony
    y = G.point_from_hex(payload["public_key"])
    assert verify_trustees(payload, campaign=CAMPAIGN) == y
    keys = {j: G.base_mul(x) for j, x in shares.items()}
    assert [G.point_from_hex(t["verification_key"]) for t in payload["trustees"]] == list(
        keys.values()
    )
    votes = [[encrypt(y, v, G.random_scalar()) for v in (0, 1, 0)] for _ in range(4)]
    votes += [[encrypt(y, v, G.random_scalar()) for v in (1, 0, 0)]]
    tally = multiply(votes, 3)
    for subset in [*itertools.combinations((1, 2, 3), 2), (1, 2, 3)]:
        partials = [
            partial_decryption(
                secret_share=shares[j], index=j, encrypted_tally=tally, fingerprint="ab" * 32
            )
            for j in subset
        ]
        counts = combine(
            partials,
            k=2,
            verification_keys=keys,
            encrypted_tally=tally,
            fingerprint="ab" * 32,
            max_count=5,
        )
        assert counts == [1, 4, 0]


def test_combination_refuses_too_few_duplicates_and_bad_proofs(ceremony):
    _payload, shares = ceremony
    keys = {j: G.base_mul(x) for j, x in shares.items()}
    tally = [encrypt(G.base_mul(9), 1, 3), encrypt(G.base_mul(9), 0, 4)]

    def partial(j, share=None):
        return partial_decryption(
            secret_share=share or shares[j], index=j, encrypted_tally=tally, fingerprint="cd" * 32
        )

    def run(partials):
        with pytest.raises(DecryptionRejected) as caught:
            combine(
                partials,
                k=2,
                verification_keys=keys,
                encrypted_tally=tally,
                fingerprint="cd" * 32,
                max_count=9,
            )
        return caught.value.reason

    assert run([partial(1)]) == "too_few"
    assert run([partial(1), partial(1)]) == "duplicate_index"
    assert run([partial(1), partial(2, share=shares[3])]) == "bad_proof"
    other_context = partial_decryption(
        secret_share=shares[2], index=2, encrypted_tally=tally, fingerprint="ef" * 32
    )
    assert run([partial(1), other_context]) == "bad_proof"


def test_discrete_log_is_bounded():
    assert discrete_log(G.IDENTITY, 0) == 0
    assert discrete_log(G.base_mul(1_000), 1_000) == 1_000
    with pytest.raises(DecryptionRejected):
        discrete_log(G.base_mul(1_001), 1_000)


def test_lagrange_coefficients_interpolate_at_zero():
    # f(x) = 7 + 3x: f(2) = 13, f(5) = 22.
    lambdas = lagrange_at_zero([2, 5])
    assert (lambdas[2] * 13 + lambdas[5] * 22) % G.ELL == 7


def rounds(n=3, k=2):
    started = [trustee_start(index=j, n=n, k=k) for j in range(1, n + 1)]
    round1 = [m for _s, m in started]
    round2 = [trustee_round2(s, round1=round1, campaign=CAMPAIGN) for s, _m in started]
    return started, round1, round2


def test_a_bad_share_gets_a_complaint_and_aborts():
    started, round1, round2 = rounds()
    # Trustee 1 sends trustee 2 the share meant for trustee 3.
    round2[0]["shares"]["2"] = round2[0]["shares"]["3"]
    thirds = [
        trustee_round3(s, round1=round1, round2=round2, campaign=CAMPAIGN)[0] for s, _m in started
    ]
    assert thirds[1] == {"accused": [1], "index": 2, "type": "complaint"}
    with pytest.raises(CeremonyFailed) as caught:
        combine_public_key(n=3, k=2, round1=round1, round2=round2, round3=thirds, campaign=CAMPAIGN)
    assert caught.value.accused == [1]


def test_commitments_changed_after_round_one_are_refused():
    started, round1, round2 = rounds()
    round2[2]["commitments"][1] = G.base_mul(11).hex()
    thirds = [
        trustee_round3(s, round1=round1, round2=round2, campaign=CAMPAIGN)[0] for s, _m in started
    ]
    assert thirds[0]["type"] == "complaint" and thirds[0]["accused"] == [3]


def test_round_three_keeps_only_the_share():
    started, round1, round2 = rounds()
    _message, secrets = trustee_round3(
        started[0][0], round1=round1, round2=round2, campaign=CAMPAIGN
    )
    assert secrets["coefficients"] == [] and secrets["share"]


def test_sealed_secret_needs_the_passphrase():
    fast = {
        "opslimit": nacl.pwhash.argon2id.OPSLIMIT_MIN,
        "memlimit": nacl.pwhash.argon2id.MEMLIMIT_MIN,
    }
    blob = seal_secret(b"x_j", "correct horse battery", **fast)
    assert b"x_j" not in blob
    assert open_secret(blob, "correct horse battery") == b"x_j"
    with pytest.raises(WrongPassphrase):
        open_secret(blob, "wrong")
    with pytest.raises(WrongPassphrase):
        open_secret(blob[:-5] + b'0"}', "correct horse battery")


def test_a_relay_that_swaps_an_encryption_key_is_caught():
    """The server gives trustee 1 its own key in place of trustee 3's, to read the share."""
    import copy

    import nacl.public

    started = [trustee_start(index=j, n=3, k=2) for j in (1, 2, 3)]
    honest = [m for _s, m in started]
    forged = copy.deepcopy(honest)
    forged[2]["encryption_key"] = bytes(nacl.public.PrivateKey.generate().public_key).hex()
    # Trustee 3 shown the forged set refuses it outright.
    with pytest.raises(CeremonyFailed, match="altered"):
        trustee_round2(started[2][0], round1=forged, campaign=CAMPAIGN)
    # Trustee 1 shown the forged set: the others accuse it in round 3.
    round2 = [trustee_round2(started[0][0], round1=forged, campaign=CAMPAIGN)]
    round2 += [trustee_round2(s, round1=honest, campaign=CAMPAIGN) for s, _m in started[1:]]
    thirds = [
        trustee_round3(s, round1=honest, round2=round2, campaign=CAMPAIGN)[0]
        for s, _m in started[1:]
    ]
    assert [t["type"] for t in thirds] == ["complaint", "complaint"]
    assert all(t["accused"] == [1] for t in thirds)


def test_the_board_payload_binds_round_one(ceremony):
    import copy

    payload, _shares = ceremony
    altered = copy.deepcopy(payload)
    altered["round1"][1]["encryption_key"] = "00" * 32
    with pytest.raises(CeremonyFailed):
        verify_trustees(altered, campaign=CAMPAIGN)
    with pytest.raises(CeremonyFailed):
        verify_trustees(payload, campaign="another-campaign")
