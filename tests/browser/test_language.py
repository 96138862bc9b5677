"""The language menu of the header: French by default, English on request, back to French;
with JavaScript, without it, and with the keyboard alone. The English text may still be
incomplete, so the tests follow the `lang` attribute and the selected option."""

import pytest

SELECT = "#language-select"
SUBMIT = "header .portal-language-form button[type=submit]"


def _language_of(page) -> tuple[str, str]:
    return page.locator("html").get_attribute("lang"), page.locator(SELECT).input_value()


def _switch(page, code: str) -> None:
    page.locator(SELECT).select_option(code)
    with page.expect_navigation():
        page.locator(SUBMIT).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-js", "sans-js"])
def test_the_language_menu_switches_to_english_and_back(new_page, check_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/faq/")
    assert _language_of(page) == ("fr", "fr")

    _switch(page, "en")
    assert page.url.endswith("/faq/"), "the menu brings you back to the same page"
    assert _language_of(page) == ("en", "en")
    check_page(page, "faq-en")

    page.goto("/assistance/")
    assert _language_of(page) == ("en", "en"), "the choice is remembered"

    _switch(page, "fr")
    assert page.url.endswith("/assistance/")
    assert _language_of(page) == ("fr", "fr")
    assert page.title() == "Assistance — Élections professionnelles"


def test_the_browser_language_alone_does_not_change_the_portal_language(new_page):
    page = new_page(locale="en-GB")
    page.goto("/")

    assert _language_of(page) == ("fr", "fr")


def test_the_language_menu_works_with_the_keyboard_alone(page, keyboard):
    page.goto("/faq/")

    keyboard.tab_to(page, SELECT)
    keyboard.press(page, "ArrowDown")  # a closed select changes its value with the arrows
    assert page.locator(SELECT).input_value() == "en"
    keyboard.tab_to(page, SUBMIT, max_presses=1)
    with page.expect_navigation():
        keyboard.press(page, "Enter")

    assert _language_of(page) == ("en", "en")


def test_without_javascript_a_phone_finds_the_language_menu_in_the_footer(new_page, check_page):
    page = new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page.goto("/faq/")
    assert not page.locator(SELECT).is_visible(), "the header's tools need the DSFR script"

    footer = page.locator("footer .portal-language-form")
    footer.get_by_role("combobox", name="Langue du site").select_option("en")
    with page.expect_navigation():
        footer.get_by_role("button").click()

    assert page.url.endswith("/faq/")
    assert _language_of(page) == ("en", "en")
    check_page(page, "faq-en-telephone-sans-js")
