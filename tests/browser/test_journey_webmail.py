"""Journey, step 1 (issue 7): from the home page to the ministry's mail in the academic
webmail, and its link to the elector space; with JavaScript, without it, and with the
keyboard alone. The next steps extend this file's pattern (see DEVELOPERS.md)."""

import re

import pytest

IDENTIFIER = "vdupont"
NUMEN = "08E0512345ABC"
OPENING_SUBJECT = re.compile("ouverture de votre espace électeur")


def open_the_opening_mail(page, check_page, *, login, docs: bool = False) -> None:
    """Home → webmail login as Vincent Dupont → the opening mail → its link."""

    def tour(name):  # the README's tour of the portal uses the JavaScript walk
        return name if docs else None

    page.goto("/")
    check_page(page, "accueil", docs=tour("01-accueil"))
    page.get_by_role("link", name="1. Ma messagerie académique").click()
    page.wait_for_url("**/webmail/connexion/**")
    check_page(page, "webmail-connexion", docs=tour("02-webmail-connexion"))

    login(page)
    page.wait_for_url(re.compile(r"/webmail/(\?.*)?$"))
    assert page.locator("h1").inner_text() == "Boîte de réception"
    check_page(page, "webmail-boite", docs=tour("03-webmail-boite"))

    page.get_by_role("link", name=OPENING_SUBJECT).click()
    assert OPENING_SUBJECT.search(page.locator("h1").inner_text())
    check_page(page, "webmail-message-ouverture", docs=tour("04-webmail-message"))

    link = page.locator("main article a[href*='/electeur/']")
    assert link.get_attribute("href").startswith(page.url.split("/webmail/")[0])
    link.click()
    page.wait_for_url(re.compile(r"/electeur/"))
    check_page(page, "espace-electeur")


def login_with_the_mouse(page) -> None:
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(IDENTIFIER)
    page.locator("input[type=password]").fill(NUMEN)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-js", "sans-js"])
def test_vincent_dupont_finds_the_opening_mail_in_his_webmail(
    new_page, seed_demo, check_page, javascript
):
    seed_demo()
    page = new_page(java_script_enabled=javascript)

    open_the_opening_mail(page, check_page, login=login_with_the_mouse, docs=javascript)


def test_vincent_dupont_logs_in_to_the_webmail_with_the_keyboard_alone(
    page, seed_demo, check_page, keyboard
):
    seed_demo()

    def login_with_the_keyboard(page):
        keyboard.tab_to(page, "input[name=username]")
        page.keyboard.type(IDENTIFIER)
        keyboard.tab_to(page, "input[name=password]", max_presses=1)
        page.keyboard.type(NUMEN)
        keyboard.tab_to(page, "form button[type=submit]:not(.fr-btn--tertiary-no-outline)")
        keyboard.press(page, "Enter")

    open_the_opening_mail(page, check_page, login=login_with_the_keyboard)


def test_a_wrong_numen_is_refused_with_an_error_linked_to_the_field(page, seed_demo, check_page):
    seed_demo()
    page.goto("/webmail/connexion/")
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(IDENTIFIER)
    page.locator("input[type=password]").fill("08E0000000ZZZ")
    page.get_by_role("button", name="Se connecter").click()

    assert page.get_by_role("alert").is_visible()
    assert page.title().startswith("Erreur")
    assert "/webmail/connexion/" in page.url
    check_page(page, "webmail-erreur")
