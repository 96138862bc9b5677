"""The seal covers each roll as the SHA-256 of its agents' NUMEN digests, sorted, one per line."""

import hashlib

from ballots.services.sealing import sealed_configuration


def expected_roll_digest(scrutin) -> str:
    digests = sorted(scrutin.roll.values_list("agent__numen_digest", flat=True))
    return hashlib.sha256("".join(f"{d}\n" for d in digests).encode()).hexdigest()


def test_each_roll_of_the_sealed_configuration_is_the_hash_of_its_sorted_numen_digests(
    campaign, scrutins, keyed
):
    configuration = sealed_configuration(campaign, closes=campaign.voting_closes)
    rolls = {entry["code"]: entry["roll"] for entry in configuration["scrutins"]}
    assert rolls == {scrutin.code: expected_roll_digest(scrutin) for scrutin in scrutins.values()}
    assert len(set(rolls.values())) == 2  # CTA and the paper CCP share the same six electors


def test_a_scrutin_with_an_empty_roll_has_the_hash_of_nothing(campaign, scrutins, keyed):
    scrutins["capd"].roll.all().delete()
    configuration = sealed_configuration(campaign, closes=campaign.voting_closes)
    rolls = {entry["code"]: entry["roll"] for entry in configuration["scrutins"]}
    assert rolls["CAPD-38"] == hashlib.sha256(b"").hexdigest()
