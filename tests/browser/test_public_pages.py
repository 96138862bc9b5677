"""Every page an anonymous visitor can open, in Chromium: the page shell (language, title,
service name, skip links, guichet unique in the footer), keyboard access, axe-core, and no
console error, CSP violation or request leaving the machine (the `page` fixture)."""

import re

import pytest
from django.urls import Resolver404, resolve

SERVICE = "Élections professionnelles"
GUICHET = "0810 76 76 76"

# (path, what the title and the h1 say). `None`: a page still being built (generic checks).
PUBLIC_PAGES = [
    ("/", "Accueil"),
    ("/faq/", "Questions fréquentes"),
    ("/assistance/", "Assistance"),
    ("/accessibilite/", "Accessibilité"),
    ("/webmail/connexion/", None),
    ("/webmail/identifiant-perdu/", None),
    ("/electeur/connexion/", None),
    ("/electeur/creer-compte/", None),
    ("/electeur/mot-de-passe-oublie/", None),
]


def _route_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _open(page, path: str):
    if not _route_exists(path):
        pytest.skip(f"{path} n'existe pas encore (docs/interface.md la prévoit)")
    response = page.goto(path)
    assert response.status == 200, f"{path} répond {response.status}"
    return response


def _assert_page_shell(page, path: str, title: str | None) -> None:
    assert page.locator("html").get_attribute("lang") == "fr"
    where, _sep, service = page.title().rpartition(" — ")
    assert service == SERVICE, f"titre de {path} : {page.title()!r}"
    assert where.strip(), f"le titre de {path} ne dit pas où l'on est : {page.title()!r}"
    if title:
        assert where == title
    assert page.locator("h1").count() == 1, f"{path} doit avoir un seul h1"
    assert page.locator("header .fr-header__service-title").inner_text().strip() == SERVICE
    assert page.locator("main#contenu").count() == 1
    assert GUICHET in page.locator("footer").inner_text()


@pytest.mark.parametrize(("path", "title"), PUBLIC_PAGES)
def test_public_page_has_the_shell_is_accessible_and_clean(page, keyboard, check_page, path, title):
    _open(page, path)
    _assert_page_shell(page, path, title)

    # Skip link: the first Tab stop, visibly focused; Enter moves the focus to the content.
    keyboard.tab_to(page, "a[href='#contenu']", max_presses=1)
    keyboard.press(page, "Enter")
    assert keyboard.is_focused(page, "main#contenu"), keyboard.focused_description(page)
    assert page.url.endswith(f"{path}#contenu")

    check_page(page, path.strip("/").replace("/", "-") or "accueil")


@pytest.mark.parametrize(("path", "title"), PUBLIC_PAGES)
def test_public_page_works_without_javascript(nojs_page, keyboard, check_page, path, title):
    page = nojs_page
    _open(page, path)
    _assert_page_shell(page, path, title)

    keyboard.tab_to(page, "a[href='#contenu']", max_presses=1)
    keyboard.press(page, "Enter")
    assert keyboard.is_focused(page, "main#contenu"), keyboard.focused_description(page)
    check_page(page, "sans-js-" + (path.strip("/").replace("/", "-") or "accueil"))


def test_links_navigate_without_javascript(nojs_page):
    page = nojs_page
    page.goto("/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Questions fréquentes"
    ).click()
    page.wait_for_url("**/faq/")
    assert page.locator("h1").inner_text() == "Questions fréquentes"

    page.locator("footer").get_by_role("link", name="Assistance").click()
    page.wait_for_url("**/assistance/")
    assert GUICHET in page.locator("main").inner_text()

    page.locator("header .fr-header__service a").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.title().startswith("Accueil")


def test_the_faq_answers_are_readable_without_javascript(nojs_page):
    nojs_page.goto("/faq/")
    answers = nojs_page.locator(".fr-collapse")
    assert answers.count() >= 5
    for index in range(answers.count()):
        assert answers.nth(index).is_visible()


def test_an_unknown_address_shows_the_french_404_page(page, check_page):
    response = page.goto("/cette-page-n-existe-pas/")

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title() == f"Page non trouvée — {SERVICE}"
    assert page.locator("h1").inner_text() == "Page non trouvée"
    assert GUICHET in page.locator("footer").inner_text()
    check_page(page, "404")

    page.locator("main").get_by_role("link", name="Page d'accueil").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.title().startswith("Accueil")


def test_healthz_answers_through_the_browser(page):
    # An API request of the browser context: a document would make Chromium ask for
    # /favicon.ico, which the portal leaves to the page's <link rel="icon">.
    response = page.request.get("/healthz")

    assert response.status == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_page_titles_tell_the_pages_apart(page):
    titles = {}
    for path, _title in PUBLIC_PAGES[:4]:
        page.goto(path)
        titles[path] = page.title()
    assert len(set(titles.values())) == len(titles), titles


@pytest.mark.parametrize("path", ["/", "/faq/", "/assistance/"])
def test_every_stop_of_the_keyboard_path_shows_its_focus(page, keyboard, path):
    page.goto(path)

    stops = keyboard.tab_through(page)

    assert stops[0].startswith("<a> Contenu"), stops
    assert any("Changer de langue" in stop for stop in stops), stops
    assert any("0810 76 76 76" in stop for stop in stops), "the guichet number is reachable"
