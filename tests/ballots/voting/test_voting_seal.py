"""Sealing: a checklist, a fingerprint, a frozen configuration, a logged extension."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ballots.models import Campaign, RollEntry, Seal, VotingExtension
from ballots.services.campaign import CampaignSealed, ensure_campaign_editable
from ballots.services.sealing import (
    SealingError,
    campaign_seal,
    seal_intact,
    voting_extend,
)
from ballots.services.voting import vote_cast
from core.events import EventKind
from core.models import AuditEvent

PARIS = ZoneInfo("Europe/Paris")


def test_sealing_lists_everything_that_is_missing(campaign, scrutins, times):
    scrutins["capd"].lists.all().delete()
    RollEntry.objects.filter(scrutin=scrutins["cta"]).delete()
    with pytest.raises(SealingError) as refused:
        campaign_seal(campaign=campaign, at=times.during)
    problems = "\n".join(refused.value.problems)
    assert "CAPD-38 n'a aucune liste" in problems
    assert "liste électorale du scrutin CTA-GRE est vide" in problems
    assert "la clé de l'élection n'est pas prête" in problems
    assert "identifiants publics de vote n'ont pas été importés" in problems
    assert "CCP-PAP" not in problems  # a paper scrutin needs no online list nor key
    assert not Seal.objects.exists()


def test_seal_campaign_command_prints_the_list_of_problems(campaign, scrutins):
    with pytest.raises(CommandError) as refused:
        call_command("seal_campaign", campaign="electionspro2014")
    assert "ne peut pas être scellée" in str(refused.value)
    assert "trustee_keygen" in str(refused.value)
    assert "import_credentials" in str(refused.value)


def test_a_ready_campaign_is_sealed_with_a_fingerprint(keyed, campaign, capsys):
    call_command("seal_campaign", campaign="electionspro2014")
    seal = Seal.objects.get(campaign=campaign)
    assert len(seal.fingerprint) == 64 and seal.fingerprint in capsys.readouterr().out
    assert seal_intact(campaign)
    assert AuditEvent.objects.filter(
        kind=EventKind.CAMPAIGN_SEALED, details__fingerprint=seal.fingerprint
    ).exists()
    with pytest.raises(CommandError, match="déjà scellée"):
        call_command("seal_campaign", campaign="electionspro2014")


def test_a_campaign_with_ballots_cannot_be_sealed(
    keyed, campaign, scrutins, electors, choice_of, times
):
    from ballots.models import Participation

    Participation.objects.create(
        scrutin=scrutins["cta"], agent=electors[0].agent, voted_at=times.during
    )
    with pytest.raises(SealingError) as refused:
        campaign_seal(campaign=campaign, at=times.during)
    assert "l'urne n'est pas vide" in refused.value.problems


def test_after_sealing_the_configuration_services_refuse_changes(sealed, campaign):
    with pytest.raises(CampaignSealed):
        ensure_campaign_editable(campaign)


def test_a_changed_configuration_no_longer_matches_the_seal(sealed, campaign, scrutins):
    scrutins["cta"].lists.filter(acronym="SGEN").update(acronym="SGEN-CFDT")
    assert not seal_intact(campaign)


def test_the_close_can_be_pushed_back_with_a_reason_and_is_logged(
    sealed, campaign, times, scrutins, electors, choice_of, clock, code_of
):
    clock.set(datetime(2014, 12, 4, 15, 0, tzinfo=PARIS))
    call_command(
        "extend_voting",
        campaign="electionspro2014",
        until="2014-12-04T19:00",
        reason="Panne du fournisseur d'accès 14h-16h",
    )
    campaign.refresh_from_db()
    assert campaign.voting_closes == datetime(2014, 12, 4, 19, 0, tzinfo=PARIS)
    extension = VotingExtension.objects.get()
    assert extension.previous_closes == times.closes
    assert AuditEvent.objects.filter(kind=EventKind.VOTING_EXTENDED).exists()
    # a vote at 18:00 now counts, and the seal still holds (it covers the sealed close)
    cta = scrutins["cta"]
    vote_cast(
        code=code_of(electors[0]),
        user=electors[0],
        scrutin=cta,
        choice=choice_of(cta, "FSU"),
        at=datetime(2014, 12, 4, 18, 0, tzinfo=PARIS),
    )
    assert seal_intact(campaign)


@pytest.mark.parametrize(
    ("until", "reason", "at", "message"),
    [
        ("2014-12-04T16:00", "panne", "during", "postérieure à la clôture actuelle"),
        ("2014-12-05T01:00", "panne", "during", "ne peut pas dépasser la date de publication"),
        ("2014-12-04T19:00", " ", "during", "motif"),
        ("2014-12-04T19:00", "panne", "after_close", "déjà clos"),
    ],
)
def test_impossible_extensions_are_refused_and_change_nothing(
    sealed, campaign, times, until, reason, at, message
):
    from ballots.management.voting_cli import datetime_option

    with pytest.raises(SealingError, match=message):
        voting_extend(
            campaign=campaign,
            until=datetime_option(until, option="--until"),
            reason=reason,
            at=getattr(times, at),
        )
    assert Campaign.objects.get().voting_closes == times.closes
    assert not VotingExtension.objects.exists()


def test_an_unsealed_campaign_is_not_extended_by_this_command(keyed, campaign):
    with pytest.raises(CommandError, match="n'est pas scellée"):
        call_command(
            "extend_voting", campaign="electionspro2014", until="2030-12-04T19:00", reason="panne"
        )


def test_a_malformed_date_is_a_clear_error(sealed):
    with pytest.raises(CommandError, match="date et heure ISO attendues"):
        call_command("extend_voting", campaign="electionspro2014", until="demain", reason="panne")
