"""The key ceremony: share files for the trustees, only the public key on the server."""

import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ballots import crypto
from ballots.models import ElectionKey, KeyShareFingerprint
from ballots.services.keys import KeyCeremonyError, keys_generate
from core.events import EventKind
from core.models import AuditEvent


def test_generate_keys_writes_one_private_share_file_per_trustee(campaign, tmp_path, times):
    out = tmp_path / "ceremonie"
    call_command(
        "generate_keys", campaign="electionspro2014", trustees=5, threshold=3, out=str(out)
    )
    files = sorted(out.iterdir())
    assert len(files) == 5
    key = ElectionKey.objects.get(campaign=campaign)
    assert (key.threshold, key.trustees) == (3, 5)
    holders = []
    for index, path in enumerate(files, start=1):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        document = json.loads(path.read_text())
        assert document["campaign"] == "electionspro2014"
        assert document["index"] == index
        assert (document["threshold"], document["trustees"]) == (3, 5)
        assert document["public_key_fingerprint"] == key.fingerprint
        holders.append(document["holder"])
        stored = KeyShareFingerprint.objects.get(election_key=key, index=index)
        assert stored.digest == crypto.share_digest(path.read_bytes())
    assert holders[:2] == ["président du bureau de vote", "secrétaire du bureau de vote"]
    assert holders[2:] == ["délégué 1", "délégué 2", "délégué 3"]
    assert AuditEvent.objects.filter(
        kind=EventKind.KEYS_GENERATED, subject="electionspro2014"
    ).exists()


def test_the_server_keeps_no_private_key(campaign, tmp_path, times):
    result = keys_generate(
        campaign=campaign, trustees=3, threshold=2, out_dir=tmp_path, at=times.during
    )
    stored = {f.name for f in ElectionKey._meta.concrete_fields}
    assert stored == {"id", "campaign", "public_key", "threshold", "trustees", "created_at"}
    shares = [crypto.parse_share_file(path.read_bytes()).share for path in result.files]
    private = crypto.combine_shares(shares[:2], public_key=result.key.public_key_bytes)
    assert private.hex() not in str(list(ElectionKey.objects.values()))
    assert private.hex() not in str(list(AuditEvent.objects.values()))


def test_any_threshold_of_shares_rebuilds_the_key_and_fewer_do_not(campaign, tmp_path, times):
    result = keys_generate(
        campaign=campaign, trustees=4, threshold=3, out_dir=tmp_path, at=times.during
    )
    public = result.key.public_key_bytes
    shares = [crypto.parse_share_file(path.read_bytes()).share for path in result.files]
    for chosen in [shares[:3], shares[1:], [shares[0], shares[2], shares[3]]]:
        crypto.combine_shares(chosen, public_key=public)
    with pytest.raises(crypto.KeyMismatch):
        crypto.combine_shares(shares[:2], public_key=public)


@pytest.mark.parametrize(
    ("trustees", "threshold", "message"),
    [(3, 4, "ne peut pas dépasser"), (3, 1, "au moins 2"), (30, 2, "Au plus")],
)
def test_impossible_thresholds_are_refused_and_nothing_is_written(
    campaign, tmp_path, trustees, threshold, message
):
    with pytest.raises(CommandError, match=message):
        call_command(
            "generate_keys",
            campaign="electionspro2014",
            trustees=trustees,
            threshold=threshold,
            out=str(tmp_path / "out"),
        )
    assert not ElectionKey.objects.exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_existing_keys_are_kept_unless_forced_before_sealing(campaign, tmp_path, times):
    first = keys_generate(
        campaign=campaign, trustees=3, threshold=2, out_dir=tmp_path / "a", at=times.during
    )
    with pytest.raises(KeyCeremonyError, match="déjà des clés"):
        keys_generate(
            campaign=campaign, trustees=3, threshold=2, out_dir=tmp_path / "b", at=times.during
        )
    assert ElectionKey.objects.get().public_key == first.key.public_key
    second = keys_generate(
        campaign=campaign,
        trustees=3,
        threshold=2,
        out_dir=tmp_path / "b",
        at=times.during,
        force=True,
    )
    assert ElectionKey.objects.get().public_key == second.key.public_key != first.key.public_key
    assert KeyShareFingerprint.objects.count() == 3


def test_keys_of_a_sealed_campaign_cannot_be_replaced(sealed, campaign, tmp_path, times):
    before = ElectionKey.objects.get().public_key
    with pytest.raises(KeyCeremonyError, match="scellée"):
        keys_generate(
            campaign=campaign,
            trustees=3,
            threshold=2,
            out_dir=tmp_path / "x",
            at=times.during,
            force=True,
        )
    assert ElectionKey.objects.get().public_key == before


def test_an_unknown_campaign_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Campagne inconnue : nope"):
        call_command("generate_keys", campaign="nope", trustees=3, threshold=2, out=str(tmp_path))
