"""A first-time teacher, on a phone (375 × 812), from the ministry's mail to the last
receipt, then their tracker in the box: Vincent Dupont walks the demo the shortest way a
careful person would, and the walk records every page seen, every field typed and every
click, then prints them (`pytest -s` shows the tally). Twice: through the booth, the way
the elector space offers first (the voting code typed once for the three scrutins), and
one scrutin at a time, the way without JavaScript (the code at each vote).

Goals of the journey: at most 20 pages and 8 typed fields to the last receipt (webmail 2,
sign-up 3 or 4, the password once to activate, which also opens the elector space, and the
voting code), under five minutes for a careful person. A screen of the booth counts as a
page.
"""

import re
from dataclasses import dataclass, field

import pytest

from ballots.models import Campaign

IDENTIFIER, NUMEN = "vdupont", "08E0512345ABC"
PASSWORD = "Grenoble-Vote-2014"
PHONE = {"viewport": {"width": 375, "height": 812}}
# What a careful person spends, roughly (seconds): reading a page, typing a field, a tap.
SECONDS = {"page": 9, "field": 8, "click": 2}


def estimated_seconds(counts: dict) -> int:
    return sum(SECONDS[kind[:-1]] * n for kind, n in counts.items())


@dataclass
class Recorder:
    """The person's hands, counting: each page reached, each field typed, each tap."""

    page: object
    check_page: object
    pages: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    clicks: list = field(default_factory=list)

    def arrive(self, step: str) -> None:
        h1 = self.page.locator("h1").inner_text()
        self.pages.append(f"{self.page.url.split('://', 1)[1].split('/', 1)[1]:<48} {h1}")
        self.check_page(self.page, step)

    def goto(self, path: str, step: str) -> None:
        self.page.goto(path)
        self.clicks.append(f"(adresse tapée) {path}")
        self.arrive(step)

    def tap(self, locator, step: str) -> None:
        """A link or button leading to another page."""
        self.clicks.append(locator.inner_text().strip()[:60])
        with self.page.expect_navigation():
            locator.click()
        self.arrive(step)

    def show(self, button, heading: str, step: str) -> None:
        """A button of the booth leading to its next screen (the same page, another step)."""
        self.clicks.append(button.inner_text().strip()[:60])
        button.click()
        self.page.locator(heading).wait_for()
        path = self.page.url.split("://", 1)[1].split("/", 1)[1]
        self.pages.append(f"{path:<48} {self.page.locator(heading).inner_text()}")
        self.check_page(self.page, step)

    def type(self, locator, text: str, what: str) -> None:
        self.fields.append(what)
        locator.fill(text)

    def choose(self, radio, what: str) -> None:
        self.clicks.append(what)
        self.page.locator(f"label[for='{radio.get_attribute('id')}']").click()
        assert radio.is_checked()

    def tally(self) -> dict:
        return {"pages": len(self.pages), "fields": len(self.fields), "clicks": len(self.clicks)}

    def report(self, title: str) -> str:
        counts = self.tally()
        seconds = estimated_seconds(counts)
        lines = [f"{title} : {counts['pages']} pages, {counts['fields']} champs saisis, "
                 f"{counts['clicks']} clics ; environ {seconds // 60} min {seconds % 60:02d} s "
                 "pour une personne attentive"]  # fmt: skip
        lines += ["  page  " + page for page in self.pages]
        lines += ["  champ " + typed for typed in self.fields]
        lines += ["  clic  " + click for click in self.clicks]
        return "\n".join(lines)


def main(page):
    return page.locator("main")


def reach_the_elector_space(walk: Recorder, page) -> None:
    """The home page, the webmail, the ministry's mail, the account, its activation."""
    walk.goto("/", "accueil")
    assert page.locator("h1").inner_text() == Campaign.objects.get(slug="electionspro2014").name
    walk.tap(main(page).get_by_role("link", name="1. Ma messagerie académique"), "webmail")
    walk.type(
        page.get_by_role("textbox", name=re.compile("^Identifiant")), IDENTIFIER, "identifiant"
    )
    walk.type(page.locator("input[type=password]"), NUMEN, "NUMEN")
    walk.tap(main(page).get_by_role("button", name="Se connecter"), "boite")
    walk.tap(main(page).get_by_role("link", name=re.compile("ouverture de votre espace")), "mail")
    walk.tap(main(page).locator("article a[href*='/electeur/']"), "acces")

    # The account: the address is already typed (the webmail told the portal who this is).
    walk.tap(main(page).get_by_role("link", name="Créer mon compte").first, "creer-compte")
    address = page.get_by_role("textbox", name=re.compile("^Adresse électronique"))
    assert address.input_value() == "vincent.dupont@ac-grenoble.fr"
    walk.type(page.get_by_label(re.compile("^Mot de passe")), PASSWORD, "mot de passe")
    walk.type(page.get_by_label(re.compile("^Confirmation du mot de passe")), PASSWORD,
              "confirmation du mot de passe")  # fmt: skip
    walk.type(page.get_by_role("textbox", name=re.compile("^Recopiez le code")), "PASSED",
              "code de sécurité")  # fmt: skip
    walk.tap(main(page).get_by_role("button", name="Je crée mon compte"), "demande-enregistree")
    walk.tap(main(page).get_by_role("link", name="Messagerie académique"), "boite-2")
    walk.tap(main(page).get_by_role("link", name=re.compile("Confirmez la création")), "mail-2")
    walk.tap(main(page).locator("article a[href*='/electeur/confirmer/']"), "activer")
    walk.type(page.get_by_label(re.compile("^Mot de passe choisi")), PASSWORD, "mot de passe")
    walk.tap(main(page).get_by_role("button", name="Activer mon compte"), "espace-electeur")
    assert page.locator("h1").inner_text() == "Mon espace électeur"


def find_in_the_box(walk: Recorder, page, label: str, tracker: str) -> None:
    """The box of one scrutin, from /urne/: the tracker as read, typed with look-alikes."""
    walk.goto("/urne/", "urnes")
    walk.tap(main(page).get_by_role("link", name=re.compile(re.escape(label))), "urne")
    typed = tracker.lower().replace("o", "0").replace("i", "1")
    walk.type(
        page.get_by_label(re.compile("^Rechercher mon numéro de suivi")), typed, "numéro de suivi"
    )
    walk.tap(main(page).get_by_role("button", name="Rechercher"), "urne-trouve")
    assert "est bien dans l'urne" in page.get_by_role("status").inner_text()


def assert_within_goals(walk: Recorder, to_last_receipt: dict, title: str) -> None:
    print("\n" + walk.report(title))
    print(f"Jusqu'au dernier reçu : {to_last_receipt}")
    assert to_last_receipt["pages"] <= 20, to_last_receipt
    assert to_last_receipt["fields"] <= 8, to_last_receipt
    assert estimated_seconds(to_last_receipt) < 5 * 60, to_last_receipt


@pytest.fixture
def in_the_elector_space(new_page, seed_demo, clock, check_page):
    """Vincent, on a phone while the vote is open, has reached his elector space the first
    time: (his voting code, the page, the walk so far)."""
    clock("2014-10-20 09:00")  # before the campaign: keys and sealing
    demo = seed_demo(calendar="2014")
    clock("2014-11-28 10:00")  # voting open
    page = new_page(**PHONE)
    walk = Recorder(page, check_page)
    reach_the_elector_space(walk, page)
    return demo.codes[IDENTIFIER], page, walk


def test_a_first_time_teacher_votes_in_the_booth_on_a_phone_and_finds_a_tracker(
    in_the_elector_space, clock
):
    """The way the portal offers first: the booth (JavaScript), the code typed once."""
    code, page, walk = in_the_elector_space

    walk.tap(main(page).get_by_role("link", name=re.compile("^Voter dans l'isoloir")), "isoloir")
    page.locator("html[data-isoloir=pret]").wait_for(state="attached")
    walk.type(page.get_by_label(re.compile("^Code de vote")), code, "code de vote (une fois)")
    walk.show(page.get_by_role("button", name="Continuer"), "#etape-bulletin-titre", "scrutin-1")
    labels = []
    while page.locator("#etape-bulletin").is_visible():
        labels.append(page.locator("#etape-bulletin-titre").inner_text().split(" : ", 1)[1])
        walk.choose(page.locator("#isoloir-options input[type=radio]").first,
                    f"une liste ({labels[-1][:30]})")  # fmt: skip
        last = len(labels) == 3
        walk.show(page.locator("#isoloir-suivant"),
                  "#etape-resume-titre" if last else "#etape-bulletin-titre",
                  "resume" if last else f"scrutin-{len(labels) + 1}")  # fmt: skip
    walk.show(page.get_by_role("button", name="Valider mes 3 votes (définitif)"),
              "#etape-recus-titre", "recus")  # fmt: skip
    assert page.locator("#etape-recus-titre").inner_text() == "Vos votes ont été enregistrés"
    trackers = [t.inner_text() for t in page.locator("#isoloir-recus dd.portal-tracker").all()]
    assert len(trackers) == 3, trackers
    to_last_receipt = walk.tally()

    clock("2014-12-04 17:30")  # after the close
    find_in_the_box(walk, page, labels[0], trackers[0])
    assert_within_goals(walk, to_last_receipt, "Premier parcours dans l'isoloir, 375 × 812")


def test_a_first_time_teacher_votes_without_the_booth_on_a_phone_and_finds_a_tracker(
    in_the_elector_space, clock
):
    """One scrutin at a time (the way without JavaScript): the code at each vote."""
    code, page, walk = in_the_elector_space

    # Every scrutin open to the vote, from the home's "Voter" button, then each receipt's.
    trackers = {}
    vote_button = main(page).get_by_role("link", name=re.compile("^Voter : ")).first
    while vote_button.count():
        walk.tap(vote_button, f"bulletin-{len(trackers) + 1}")
        label = page.locator("h1").inner_text().removeprefix("Bulletin de vote : ")
        walk.choose(page.get_by_role("radio").first, f"une liste ({label[:30]})")
        walk.tap(main(page).get_by_role("button", name="Vérifier mon choix"), "confirmer")
        # The voting code of the paper notice, at each vote.
        secret = main(page).locator("input[name=code]")
        walk.type(secret, code, "code de vote")
        walk.tap(main(page).get_by_role("button", name=re.compile("^Valider mon vote")), "recu")
        assert page.locator("h1").inner_text() == "Votre vote a été enregistré"
        trackers[label] = main(page).locator("dd.portal-tracker").inner_text().strip()
        vote_button = main(page).get_by_role("link", name=re.compile("^Voter : "))
    assert len(trackers) == 3, trackers
    assert "Vous avez voté à tous vos scrutins par internet" in main(page).inner_text()
    to_last_receipt = walk.tally()

    clock("2014-12-04 17:30")  # after the close
    find_in_the_box(walk, page, *next(iter(trackers.items())))
    print("\n" + walk.report("Premier parcours sans l'isoloir, 375 × 812"))
    print(f"Jusqu'au dernier reçu : {to_last_receipt}")
    # Webmail 2, sign-up 3, activation 1, then the code at each vote: one more field per
    # scrutin than the booth, where it is typed once.
    assert to_last_receipt["pages"] <= 20, to_last_receipt
    assert to_last_receipt["fields"] <= 6 + len(trackers), to_last_receipt
