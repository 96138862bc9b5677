"""What the journey tests share: a person's hands on the page, with the mouse or
with the keyboard alone, and step 1 of the journey (home → webmail → the opening mail).

`Hands(page)` clicks, fills, chooses and selects with the mouse; `Hands(page,
keyboard=...)` does the same with Tab, Enter, Space and the arrows only, checking that
every element it passes shows a visible focus. A journey written once with `hands.*`
runs both ways, with JavaScript or without it (the page decides).
"""

import re

IDENTIFIER = "vdupont"
NUMEN = "08E0512345ABC"
OPENING_SUBJECT = re.compile("ouverture de votre espace électeur")

IS_FOCUSED = "(element) => element === document.activeElement"
AT_DOCUMENT_START = "() => !document.activeElement || document.activeElement === document.body"
SKIP_TO_CONTENT = ".fr-skiplinks a[href='#contenu']"
# One round trip per Tab: is the focus on the target (or in its radio group), where is it.
FOCUS_STATE = """(target, group) => {
    const active = document.activeElement;
    const atStart = !active || active === document.body;
    const reached = group ? !atStart && active.matches(group) : active === target;
    const text = atStart ? "" : (active.innerText || active.value || "").trim().slice(0, 40);
    const where = atStart ? "(le document)" : `<${active.tagName.toLowerCase()}> ${text}`;
    return {atStart, reached, where};
}"""


class Hands:
    """Acts on `page` like a person: with the mouse, or (`keyboard=`) with the keys alone."""

    def __init__(self, page, *, keyboard=None, max_presses: int = 80):
        self.page = page
        self.keyboard = keyboard
        self.max_presses = max_presses

    @property
    def keyboard_only(self) -> bool:
        return self.keyboard is not None

    def click(self, target) -> None:
        """Follows a link or presses a button that leads to another page."""
        self._reach(target)
        with self.page.expect_navigation():
            self._activate(target)

    def download(self, target):
        """Follows a link that downloads a file; returns the Playwright download."""
        self._reach(target)
        with self.page.expect_download() as download:
            self._activate(target)
        return download.value

    def _reach(self, target) -> None:
        if self.keyboard_only:
            self.focus(target)  # outside expect_navigation: the skip link changes the URL

    def _activate(self, target) -> None:
        if self.keyboard_only:
            self.page.keyboard.press("Enter")
        else:
            target.click()

    def fill(self, target, text: str) -> None:
        if self.keyboard_only:
            self.focus(target)
            self.page.keyboard.press("ControlOrMeta+A")
            self.page.keyboard.type(text)
        else:
            target.fill(text)

    def choose(self, radio) -> None:
        """Checks a radio button: with the keys, Tab into its group, arrows to it, Space."""
        if not self.keyboard_only:  # the DSFR draws the button on the label: click it
            self.page.locator(f"label[for='{radio.get_attribute('id')}']").click()
            assert radio.is_checked(), "la case choisie à la souris n'est pas cochée"
            return
        name = radio.get_attribute("name")
        self.focus(radio, group=name)
        for _ in range(self.max_presses):
            if radio.evaluate(IS_FOCUSED):
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert radio.is_checked(), "la case choisie au clavier n'est pas cochée"
        self.keyboard.assert_focus_visible(self.page)

    def select(self, target, label: str) -> None:
        """Picks the option `label` of a closed <select> (arrows, as the keyboard does)."""
        if not self.keyboard_only:
            target.select_option(label=label)
            return
        self.focus(target)
        current = "() => document.activeElement.selectedOptions[0]?.label"
        for _ in range(self.max_presses):
            if self.page.evaluate(current) == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"option « {label} » introuvable au clavier")

    def focus(self, target, *, group: str | None = None) -> None:
        """Tabs to `target` (to any radio of `group`), checking each stop shows its focus.

        On a fresh page the skip link "Contenu" comes first, as a keyboard user would
        take it, when the target is in the main content."""
        page = self.page
        if page.evaluate(AT_DOCUMENT_START) and target.first.evaluate(
            "(element) => !!element.closest('main')"
        ):
            page.keyboard.press("Tab")
            assert self.keyboard.is_focused(page, SKIP_TO_CONTENT), (
                "le premier arrêt de tabulation n'est pas le lien d'évitement vers le contenu"
            )
            self.keyboard.assert_focus_visible(page)
            page.keyboard.press("Enter")
        wanted = f"input[type=radio][name='{group}']" if group else None
        state = target.evaluate(FOCUS_STATE, wanted)
        visited = []
        for _ in range(self.max_presses):
            if state["reached"]:
                return
            page.keyboard.press("Tab")
            state = target.evaluate(FOCUS_STATE, wanted)
            visited.append(state["where"])
            if not state["atStart"]:
                self.keyboard.assert_focus_visible(page)
        raise AssertionError(
            f"{target} jamais atteint au clavier en {self.max_presses} tabulations ; "
            "parcours : " + " → ".join(visited)
        )


def login_to_the_webmail(page, hands: Hands) -> None:
    hands.fill(page.get_by_role("textbox", name=re.compile("^Identifiant")), IDENTIFIER)
    hands.fill(page.locator("input[type=password]"), NUMEN)
    hands.click(page.get_by_role("button", name="Se connecter"))


def open_the_opening_mail(page, hands: Hands, check_page, *, docs: bool = False) -> None:
    """Step 1: home → webmail login as Vincent Dupont → the opening mail → its link."""

    def tour(name):  # the README's tour of the portal uses the JavaScript walk
        return name if docs else None

    from ballots.models import Campaign

    page.goto("/")
    assert page.locator("h1").inner_text() == Campaign.objects.get(slug="electionspro2014").name
    check_page(page, "accueil", docs=tour("01-accueil"))
    hands.click(page.get_by_role("link", name="1. Ma messagerie académique"))
    assert "/webmail/connexion/" in page.url
    check_page(page, "webmail-connexion", docs=tour("02-webmail-connexion"))

    login_to_the_webmail(page, hands)
    assert re.search(r"/webmail/(\?.*)?$", page.url)
    assert page.locator("h1").inner_text() == "Boîte de réception"
    check_page(page, "webmail-boite", docs=tour("03-webmail-boite"))

    hands.click(page.get_by_role("link", name=OPENING_SUBJECT))
    assert OPENING_SUBJECT.search(page.locator("h1").inner_text())
    check_page(page, "webmail-message-ouverture", docs=tour("04-webmail-message"))

    link = page.locator("main article a[href*='/electeur/']")
    assert link.get_attribute("href").startswith(page.url.split("/webmail/")[0])
    hands.click(link)
    assert re.search(r"/electeur/", page.url)
    check_page(page, "espace-electeur-acces")
