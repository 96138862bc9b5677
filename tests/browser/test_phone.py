"""On a phone (375 × 812): the pages a first-time teacher walks fit the screen (no
horizontal scroll), the webmail's messages are one tappable card each, the header menu is
folded away, and the small targets are at least 24 px."""

import re

import pytest

PHONE = {"viewport": {"width": 375, "height": 812}}
NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def phone(new_page):
    return new_page(**PHONE)


def log_in_to_the_webmail(page, journey) -> None:
    page.goto("/webmail/connexion/")
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(journey.IDENTIFIER)
    page.locator("input[type=password]").fill(journey.NUMEN)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/webmail/$"))


def test_each_message_of_the_webmail_is_one_tappable_card_without_horizontal_scroll(
    phone, seed_demo, check_page, journey
):
    seed_demo()
    log_in_to_the_webmail(phone, journey)
    assert phone.evaluate(NO_HORIZONTAL_SCROLL)
    card = phone.locator("main li", has=phone.get_by_role("link", name=journey.OPENING_SUBJECT))
    subject = card.get_by_role("link", name=journey.OPENING_SUBJECT)
    box = subject.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert subject.is_visible()
    check_page(phone, "webmail-telephone")

    # A tap on the card's date, not on the subject, opens the message.
    card.scroll_into_view_if_needed()
    date = card.locator("time").bounding_box()
    with phone.expect_navigation():
        phone.mouse.click(date["x"] + date["width"] / 2, date["y"] + date["height"] / 2)
    assert journey.OPENING_SUBJECT.search(phone.locator("h1").inner_text())
    assert phone.evaluate(NO_HORIZONTAL_SCROLL)
    check_page(phone, "webmail-message-telephone")


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-js", "sans-js"])
def test_the_header_menu_is_folded_so_the_heading_shows_on_the_first_screen(
    new_page, check_page, javascript
):
    page = new_page(java_script_enabled=javascript, **PHONE)
    page.goto("/")
    heading = page.locator("h1").bounding_box()
    assert heading["y"] + heading["height"] < 812, heading
    assert (
        not page.locator("header")
        .get_by_role("link", name="Questions fréquentes")
        .first.is_visible()
    )
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    if javascript:
        check_page(page, "accueil-menu-replie")

    page.locator("header summary", has_text="Menu").click()
    menu = page.locator("header details[open]")
    assert menu.get_by_role("link", name="Messagerie académique").is_visible()
    assert (
        menu.get_by_role("navigation").get_by_role("link", name="Questions fréquentes").is_visible()
    )
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    if javascript:
        check_page(page, "accueil-menu-ouvert")
    with page.expect_navigation():
        menu.get_by_role("link", name="Questions fréquentes").click()
    assert page.locator("h1").inner_text() == "Questions fréquentes"


def test_the_language_button_and_the_footer_links_are_targets_of_24_px_at_least(phone):
    phone.goto("/faq/")
    targets = phone.locator(
        "footer .portal-language-form button, footer .fr-footer__content-link, "
        "footer .fr-footer__bottom-link"
    )
    assert targets.count() >= 5
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, (targets.nth(index).inner_text(), box)
