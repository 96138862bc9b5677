"""Lost notices in the admin: the guichet records a request, only the permission approves."""

import pytest
from django.contrib.auth.models import Permission

from accounts.models import User
from ballots.models import NoticeReplacement
from ballots.services.voting import vote_cast

LIST = "/admin/ballots/noticereplacement/"


def staff(email: str, *codenames: str) -> User:
    user = User.objects.create_user(email, "Personnel-2014-x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def guichet(client, db):
    client.force_login(
        staff("guichet@ac-grenoble.fr", "add_noticereplacement", "view_noticereplacement")
    )
    return client


def test_the_guichet_records_a_request_but_cannot_approve_it(
    guichet, campaign, sealed, electors, clock
):
    agent = electors[1].agent
    response = guichet.post(
        f"{LIST}add/",
        {"campaign": campaign.pk, "agent": agent.pk, "reason": "Perdue", "delivery": "courrier"},
    )
    assert response.status_code == 302
    request = NoticeReplacement.objects.get()
    assert request.by_guichet and request.requested_by.email == "guichet@ac-grenoble.fr"
    assert request.delivery == "courrier" and request.status == NoticeReplacement.Status.PENDING

    page = guichet.get(LIST).content.decode()
    assert 'value="approve"' not in page
    guichet.post(LIST, {"action": "approve", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == NoticeReplacement.Status.PENDING


def test_an_academie_administrator_with_the_permission_approves(
    client, campaign, sealed, electors, clock
):
    request = NoticeReplacement.objects.create(
        campaign=campaign, agent=electors[2].agent, reason="Abîmée", created_at=clock.now
    )
    client.force_login(staff("rectorat@ac-grenoble.fr", "approve_notice_replacement"))
    assert 'value="approve"' in client.get(LIST).content.decode()
    client.post(LIST, {"action": "approve", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == NoticeReplacement.Status.APPROVED
    assert request.reviewed_by.email == "rectorat@ac-grenoble.fr"


def test_the_guichet_cannot_ask_for_an_elector_who_voted_everywhere(
    guichet, campaign, sealed, electors, scrutins, clock
):
    user = electors[3]  # on CTA-GRE only
    vote_cast(
        user=user,
        scrutin=scrutins["cta"],
        choice="blanc",
        code=sealed[user.agent.identifier],
        at=clock.now,
        receipt_mail=False,
    )
    response = guichet.post(
        f"{LIST}add/",
        {
            "campaign": campaign.pk,
            "agent": user.agent.pk,
            "reason": "Perdue",
            "delivery": "courrier",
        },
    )
    assert response.status_code == 200
    assert "déjà voté" in response.content.decode()
    assert not NoticeReplacement.objects.exists()
