"""The password policy: each rule refuses on its own, in French, naming what is missing."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

SEED_RULE = "au moins 8 caractères, dont au moins une majuscule, une minuscule et un chiffre"


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab3defg", "au minimum 8 caractères"),
        ("abcdefg123", "au moins une majuscule"),
        ("ABCDEFG123", "au moins une minuscule"),
        ("Abcdefghij", "au moins un chiffre"),
        ("Password1", "trop courant"),
        ("Vincent2014", "ressemble trop à votre"),
    ],
    ids=["too-short", "no-upper-case", "no-lower-case", "no-digit", "common", "like-address"],
)
def test_each_password_rule_refuses_the_account_with_a_french_message_naming_it(
    client, vincent, signup_data, password, expected
):
    response = client.post("/electeur/creer-compte/", signup_data(vincent.email, password=password))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["password1"])
    assert expected in errors
    assert not User.objects.exists()


def test_a_password_missing_several_kinds_of_character_lists_each_of_them(
    client, vincent, signup_data
):
    response = client.post("/electeur/creer-compte/", signup_data(vincent.email, "abcdefghij"))

    errors = " ".join(response.context["form"].errors["password1"])
    assert "au moins une majuscule et un chiffre." in errors

    response = client.post("/electeur/creer-compte/", signup_data(vincent.email, "--------"))

    errors = " ".join(response.context["form"].errors["password1"])
    assert "au moins une majuscule, une minuscule et un chiffre." in errors


def test_a_password_meeting_every_rule_is_accepted(client, vincent, signup_data):
    response = client.post("/electeur/creer-compte/", signup_data(vincent.email, "Rhone2014x"))

    assert response.status_code == 302
    assert User.objects.filter(email=vincent.email).exists()


def test_the_signup_page_states_the_seed_rule_in_the_help_text(client, db):
    response = client.get("/electeur/creer-compte/")

    assert SEED_RULE in response.content.decode()


def test_different_confirmation_is_refused(client, vincent, signup_data, password):
    response = client.post(
        "/electeur/creer-compte/", signup_data(vincent.email, password, password2="Autre2014x")
    )

    assert "ne sont pas identiques" in " ".join(response.context["form"].errors["password2"])
    assert not User.objects.exists()
