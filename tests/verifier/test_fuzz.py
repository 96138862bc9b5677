"""Random damage to an archive: the verifier names a failure, never raises."""

import random

import pytest

from verifier.archive import write_archive
from verifier.checks import verify_archive
from verifier.synthetic import ScrutinPlan, build_election


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    election = build_election([ScrutinPlan("CT", ("FSU", "SGEN"), 2, [1, 2, 0])], n=2, k=2)
    path = tmp_path_factory.mktemp("fuzz") / "archive.jsonl"
    write_archive(path, campaign=election.campaign, events=election.events, rolls=election.rolls)
    return path.read_bytes()


@pytest.mark.parametrize("seed", range(60))
def test_random_damage_is_reported(tmp_path, archive, seed):
    rng = random.Random(seed)
    data = bytearray(archive)
    header_end = data.index(b"\n")
    for _ in range(rng.choice([1, 1, 2, 5])):
        position = rng.randrange(len(data))
        data[position] = rng.choice([rng.randrange(256), ord("0"), ord("{"), ord('"')])
    if rng.random() < 0.2:
        lines = bytes(data).split(b"\n")
        rng.shuffle(lines)
        data = bytearray(b"\n".join(lines))
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(bytes(data))
    report = verify_archive(path, workers=1)
    if bytes(data) != archive and bytes(data[header_end:]) != archive[header_end:]:
        assert not report.ok
    for failure in report.failures:
        assert failure.sentence().endswith(".")
