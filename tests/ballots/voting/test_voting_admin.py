"""Admin: turnout page, read-only vote records, a sealed configuration frozen, no ballots."""

import pytest
from django.contrib import admin

from accounts.models import User
from ballots.models import Ballot, CandidateList
from ballots.services.voting import vote_cast


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_superuser("admin@example.org", "Admin-2014-x"))
    return client


def test_the_turnout_admin_page_shows_voters_over_registered(
    staff_client, sealed, scrutins, electors, choice_of, times
):
    cta = scrutins["cta"]
    for user in electors[:2]:
        vote_cast(user=user, scrutin=cta, choice=choice_of(cta, "FSU"), at=times.during)
    page = staff_client.get("/admin/ballots/turnoutscrutin/").content.decode()
    assert "CTA-GRE" in page and "33.33" in page.replace(",", ".")


def test_ballots_are_not_in_the_admin():
    assert Ballot not in admin.site._registry


def test_a_sealed_list_cannot_be_changed_in_the_admin(staff_client, sealed, scrutins):
    sgen = CandidateList.objects.get(acronym="SGEN")
    url = f"/admin/ballots/candidatelist/{sgen.pk}/change/"
    staff_client.post(
        url,
        {"acronym": "CHANGED", "organisation": "x", "position": 3, "scrutin": scrutins["cta"].pk},
    )
    assert CandidateList.objects.get(pk=sgen.pk).acronym == "SGEN"
    assert 'name="_save"' not in staff_client.get(url).content.decode()


def test_keys_seal_and_results_pages_open_read_only(staff_client, sealed):
    for path in ["electionkey", "seal", "votingextension", "participation", "scrutinresult"]:
        response = staff_client.get(f"/admin/ballots/{path}/")
        assert response.status_code == 200, path
        assert f"/admin/ballots/{path}/add/" not in response.content.decode()
