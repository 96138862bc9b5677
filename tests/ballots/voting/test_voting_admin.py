"""Admin: turnout page, read-only vote records, a sealed configuration frozen, no ballots."""

import pytest

from accounts.models import User
from ballots.models import CandidateList
from ballots.services.voting import vote_cast


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_superuser("admin@example.org", "Admin-2014-x"))
    return client


def test_the_turnout_admin_page_shows_voters_over_registered(
    staff_client, sealed, scrutins, electors, choice_of, times, code_of
):
    cta = scrutins["cta"]
    for user in electors[:2]:
        vote_cast(
            code=code_of(user),
            user=user,
            scrutin=cta,
            choice=choice_of(cta, "FSU"),
            at=times.during,
        )
    page = staff_client.get("/admin/ballots/turnoutscrutin/").content.decode()
    assert "CTA-GRE" in page and "33.33" in page.replace(",", ".")


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


def test_nothing_can_be_added_to_a_sealed_campaign_in_the_admin(
    staff_client, sealed, scrutins, electors, make_elector
):
    from ballots.models import RollEntry, Scrutin

    cta = scrutins["cta"]
    newcomer = make_elector("newcomer").agent
    lists_before, roll_before = CandidateList.objects.count(), RollEntry.objects.count()
    posts = {
        "/admin/ballots/candidatelist/add/": {
            "scrutin": cta.pk,
            "position": 7,
            "organisation": "Nouvelle organisation",
            "acronym": "NEW",
            "candidates-TOTAL_FORMS": "0",
            "candidates-INITIAL_FORMS": "0",
        },
        "/admin/ballots/rollentry/add/": {"scrutin": cta.pk, "agent": newcomer.pk},
        "/admin/ballots/scrutin/add/": {
            "campaign": cta.campaign.pk,
            "code": "NEW-SCR",
            "label": "Nouveau scrutin",
            "kind": "CTA",
            "perimeter": "national",
            "seats": 3,
            "mode": "internet",
        },
    }
    for url, data in posts.items():
        response = staff_client.post(url, data)
        assert response.status_code == 200, url  # the form again, with the refusal
        assert "est scellée" in response.content.decode(), url
    assert CandidateList.objects.count() == lists_before
    assert RollEntry.objects.count() == roll_before
    assert not Scrutin.objects.filter(code="NEW-SCR").exists()


def test_the_admin_links_documents_to_the_checked_views_not_to_media(
    staff_client, sealed, scrutins
):
    from django.core.files.base import ContentFile

    from ballots.demo_campaign import demo_logo

    fsu = CandidateList.objects.get(scrutin=scrutins["cta"], acronym="FSU")
    CandidateList.objects.filter(pk=fsu.pk).update(logo="logos/test.png")
    fsu.logo.storage.save("logos/test.png", ContentFile(demo_logo("FSU")))
    page = staff_client.get(f"/admin/ballots/candidatelist/{fsu.pk}/change/").content.decode()
    assert "/electeur/scrutins/CTA-GRE/listes/1/logo/?campagne=electionspro2014" in page
    assert "/media/" not in page
