"""Journey, step 1: from the home page to the ministry's mail in the academic
webmail, and its link to the elector space; with JavaScript, without it, and with the
keyboard alone. The step itself lives in journey.py (test_journey_elector.py walks it
too, then the rest of the journey)."""

import re

import pytest


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-js", "sans-js"])
def test_vincent_dupont_finds_the_opening_mail_in_his_webmail(
    new_page, seed_demo, check_page, hands, journey, javascript
):
    seed_demo()
    page = new_page(java_script_enabled=javascript)

    journey.open_the_opening_mail(page, hands(page), check_page)


def test_vincent_dupont_reads_his_webmail_with_the_keyboard_alone(
    page, seed_demo, check_page, hands, journey
):
    seed_demo()

    journey.open_the_opening_mail(page, hands(page, keyboard_only=True), check_page)


def test_a_wrong_numen_is_refused_with_an_error_linked_to_the_field(
    page, seed_demo, check_page, journey
):
    seed_demo()
    page.goto("/webmail/connexion/")
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(journey.IDENTIFIER)
    page.locator("input[type=password]").fill("08E0000000ZZZ")
    page.get_by_role("button", name="Se connecter").click()

    assert page.get_by_role("alert").is_visible()
    assert page.title().startswith("Erreur")
    assert "/webmail/connexion/" in page.url
    password = page.locator("input[type=password]")
    assert password.get_attribute("aria-invalid") == "true"
    # The refusal names neither field (no enumeration): both point to the summary.
    described_by = password.get_attribute("aria-describedby").split()
    assert "erreurs" in described_by
    assert "NUMEN" in page.locator("#erreurs").inner_text()
    check_page(page, "webmail-erreur")
