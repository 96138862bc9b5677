"""The demo: Valérie Dupont's confirmed account; Vincent Dupont's is the journey to walk."""

import pytest

from accounts.demo import seed_accounts
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_valerie_can_log_in_with_the_demo_password_and_the_seed_can_run_twice(
    client, valerie, vincent
):
    User.objects.create_user(vincent.email, "Ancien2014x", agent=vincent)

    first = seed_accounts()
    second = seed_accounts()

    assert first == second
    assert "valerie.dupont@ac-grenoble.fr / Electeur2014" in first[0]
    account = User.objects.get(email="valerie.dupont@ac-grenoble.fr")
    assert account.agent == valerie
    assert account.is_confirmed
    assert not User.objects.filter(agent=vincent).exists()
    response = client.post(
        "/electeur/connexion/", {"username": valerie.email, "password": "Electeur2014"}
    )
    assert response.status_code == 302


def test_without_the_directory_the_seed_says_so(db):
    report = seed_accounts()

    assert "absent de l'annuaire" in report[0]
    assert not User.objects.exists()
