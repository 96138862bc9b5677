"""The elector's whole journey in Chromium, on the 2014 calendar with the clock placed at
each step: Vincent Dupont reads the ministry's mail (step 1, journey.py), creates his
elector account, checks his profile and scrutins, votes, and finds the results and his
ballot in the box. Walked three times by the same code: with the mouse and JavaScript,
with the mouse without JavaScript, with the keyboard alone (`hands`, see journey.py).
Every page passes `check_page` (console, CSP, foreign requests; axe with JavaScript)."""

import io
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import User
from ballots.models import BoardEvent

CAMPAIGN = "electionspro2014"
ADDRESS = "vincent.dupont@ac-grenoble.fr"
PASSWORD = "Grenoble-Vote-2014"
SCRUTIN = "CTM-MEN"  # Vincent and Valérie are both on its roll
SCRUTIN_LABEL = "Comité technique ministériel de l'éducation nationale"
VINCENT_CHOICE = "FSU"  # Valérie votes blank: no tie, so no drawing of lots for a seat
CONFIRMATION_SUBJECT = re.compile("Confirmez la création de votre compte électeur")
# A voting code as printed: four groups of four, then the check character.
PRINTED_CODE = re.compile(r"(?<![\w-])[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z*~$=](?![\w*~$=-])")


def code_on_notice(folder, name: str, workplace: str) -> str:
    """Read the voting code on the paper notice of `name` at `workplace` (the demo has two
    Vincent Dupont), as the elector reads the paper."""
    for pdf in sorted(folder.glob("*/*.pdf")):
        for page in PdfReader(pdf).pages:
            text = page.extract_text()
            if name in " ".join(text.split()) and workplace in text:
                return PRINTED_CODE.findall(text)[0]
    raise AssertionError(f"no notice for {name} in {folder}")


@dataclass
class Walk:
    """One walk of the journey: the page, the hands acting on it, what it remembers."""

    page: object
    hands: object
    check_page: object
    docs: bool
    tracker: str = ""
    voting_code: str = ""

    def __call__(self, page, step: str, *, docs: str | None = None) -> None:
        """check_page, after checking the page has one h1 and a title saying where we are."""
        where, _, service = page.title().rpartition(" — ")
        assert where and service == "Élections professionnelles", page.title()
        assert page.locator("h1").count() == 1
        self.check_page(page, step, docs=docs)

    def check(self, step: str, tour: str | None = None, *, show=None) -> None:
        """Checks this page; `tour`: its name in the README's tour (JavaScript walk only);
        `show`: scrolled to the top of the window first (what the tour's picture shows)."""
        if show is not None:
            show.evaluate("(element) => element.scrollIntoView({block: 'start'})")
        self(self.page, step, docs=tour if self.docs else None)

    def h1(self) -> str:
        return self.page.locator("h1").inner_text()

    def click_link(self, name, *, within: str = "main", **options) -> None:
        self.hands.click(self.page.locator(within).get_by_role("link", name=name, **options))

    def click_button(self, name) -> None:
        self.hands.click(self.page.locator("main").get_by_role("button", name=name))


def assert_error_announced_and_linked(walk: Walk, field, message: str) -> None:
    """The summary is an alert, the title says "Erreur", the field points to its message."""
    page = walk.page
    assert page.title().startswith("Erreur")
    assert message in page.get_by_role("alert").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    texts = [page.locator(f"[id='{element_id}']").inner_text() for element_id in described]
    assert any(message in text for text in texts), (described, texts)


# --- Step 2: the elector account -----------------------------------------------------------


def sign_up(walk: Walk, password1: str, password2: str, captcha: str = "PASSED") -> None:
    page, hands = walk.page, walk.hands
    hands.fill(page.get_by_role("textbox", name=re.compile("^Adresse électronique")), ADDRESS)
    hands.fill(page.get_by_label(re.compile("^Mot de passe")), password1)
    hands.fill(page.get_by_label(re.compile("^Confirmation du mot de passe")), password2)
    hands.fill(page.get_by_role("textbox", name=re.compile("^Recopiez le code")), captcha)
    walk.click_button("Je crée mon compte")


def create_the_account(walk: Walk) -> None:
    page = walk.page
    walk.click_link("Créer mon compte")
    assert walk.h1() == "Créer mon compte"
    # The captcha's image has a text alternative; the spoken code and the guichet's phone too.
    captcha = page.locator(".portal-captcha")
    assert captcha.get_by_role("img").get_attribute("alt")
    audio = captcha.get_by_role("link", name=re.compile("^Écouter le code"))
    assert audio.count() == 1
    assert "Appelez le guichet unique" in captcha.inner_text()
    walk.check("creer-compte")

    sign_up(walk, "motdepasse", "motdepasse")
    rule = "Le mot de passe doit contenir au moins une majuscule et un chiffre."
    assert_error_announced_and_linked(walk, page.get_by_label(re.compile("^Mot de passe")), rule)
    walk.check("creer-compte-mot-de-passe-faible", "05-creer-compte-erreur")

    sign_up(walk, PASSWORD, PASSWORD + "!")
    mismatch = "Les deux mots de passe ne sont pas identiques."
    confirmation = page.get_by_label(re.compile("^Confirmation du mot de passe"))
    assert_error_announced_and_linked(walk, confirmation, mismatch)
    walk.check("creer-compte-confirmation-differente")
    assert not User.objects.filter(email=ADDRESS).exists(), "refused: nothing written"

    # A misread captcha: the passwords stay typed, only the new code is asked for.
    sign_up(walk, PASSWORD, PASSWORD, captcha="XXXXX")
    assert page.title().startswith("Erreur")
    assert page.get_by_label(re.compile("^Mot de passe")).input_value() == PASSWORD
    assert page.get_by_label(re.compile("^Confirmation du mot de passe")).input_value() == PASSWORD
    walk.check("creer-compte-code-errone")
    walk.hands.fill(page.get_by_role("textbox", name=re.compile("^Recopiez le code")), "PASSED")
    walk.click_button("Je crée mon compte")
    assert walk.h1() == "Demande de création de compte enregistrée"
    walk.check("creer-compte-demande-enregistree")


def confirm_from_the_webmail(walk: Walk) -> None:
    page = walk.page
    walk.click_link("Messagerie académique")
    assert walk.h1() == "Boîte de réception"
    walk.click_link(CONFIRMATION_SUBJECT)
    body = page.locator("main .portal-mail-body")
    walk.check("webmail-message-confirmation", "06-mail-confirmation", show=body)
    walk.hands.click(page.locator("main article a[href*='/electeur/confirmer/']"))
    assert walk.h1() == "Activer mon compte électeur"
    walk.check("compte-a-activer")
    walk.hands.fill(page.get_by_label(re.compile("^Mot de passe choisi")), PASSWORD)
    walk.click_button("Activer mon compte")
    assert walk.h1() == "Mon espace électeur"
    assert "Votre compte électeur est activé" in page.locator("main").inner_text()


def log_in(walk: Walk) -> None:
    """From a page showing the elector login form."""
    page = walk.page
    hands = walk.hands
    hands.fill(page.get_by_role("textbox", name=re.compile("^Adresse électronique")), ADDRESS)
    hands.fill(page.get_by_label(re.compile("^Mot de passe")), PASSWORD)
    walk.click_button("Accéder")
    assert walk.h1() == "Mon espace électeur"


# --- Step 3: profile, scrutins, roll, profession de foi ------------------------------------


def request_a_profile_update(walk: Walk) -> None:
    page, hands = walk.page, walk.hands
    walk.click_link("1 | Mon profil")
    assert walk.h1() == "Mon profil"
    assert "Dupont" in page.locator("main dl").inner_text()
    walk.check("profil")
    walk.click_link("Demander une mise à jour")
    assert walk.h1() == "Demander une mise à jour du profil"
    walk.check("profil-demande")
    hands.select(page.get_by_label("Ce qui est concerné"), "Affectation")
    hands.fill(page.get_by_label(re.compile("^Ce qui est inexact")), "non renseignée")
    hands.fill(page.get_by_label(re.compile("^Ce qui devrait figurer")), "Lycée Champollion")
    walk.click_button("Envoyer ma demande")
    assert walk.h1() == "Mon profil"
    assert "Votre demande est enregistrée" in page.locator("main").inner_text()
    assert "en attente d'examen" in page.get_by_role("table").text_content()
    walk.check("profil-demande-enregistree")
    walk.click_link("Mon espace électeur", exact=True)


def browse_my_scrutins(walk: Walk) -> None:
    page, hands = walk.page, walk.hands
    walk.click_link("2 | Mes scrutins")
    assert walk.h1() == "Mes scrutins"
    assert page.locator("main section.fr-card").count() == 3
    walk.check("mes-scrutins")
    walk.click_link(SCRUTIN_LABEL)
    assert walk.h1() == SCRUTIN_LABEL
    assert page.get_by_role("heading", name=f"1. {VINCENT_CHOICE}").count() == 1
    lists = page.get_by_role("heading", name="Candidatures", exact=True)
    walk.check("scrutin-listes", "08-scrutin-listes", show=lists)

    walk.click_link("Consulter la liste électorale")
    assert "Dupont" in page.get_by_role("table").inner_text()
    walk.check("liste-electorale")
    walk.click_link(SCRUTIN_LABEL)

    pdf_link = page.get_by_role("link", name=re.compile(f"^Profession de foi {VINCENT_CHOICE} "))
    with page.expect_response(re.compile(r"/profession-de-foi/(\?|$)")) as response:
        download = hands.download(pdf_link)
    assert response.value.headers["content-type"] == "application/pdf"
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


# --- Step 4: the vote ----------------------------------------------------------------------


def vote(walk: Walk) -> None:
    page, hands = walk.page, walk.hands
    walk.click_link("2 | Mes scrutins")
    walk.click_link(f"Voter au scrutin {SCRUTIN}")
    assert walk.h1() == f"Bulletin de vote : {SCRUTIN_LABEL}"
    walk.check("bulletin", "09-bulletin")
    hands.choose(page.get_by_role("radio", name=re.compile(f"^{VINCENT_CHOICE} ")))
    walk.click_button("Vérifier mon choix")
    assert walk.h1() == "Confirmer mon vote"
    assert f"la liste {VINCENT_CHOICE} " in page.locator("main .fr-callout").inner_text()
    # Before confirming, the page says that without JavaScript the server encrypts for you.
    assert "le serveur chiffre votre bulletin pour vous" in page.locator("main").inner_text()
    hands.fill(page.get_by_label(re.compile("^Votre code de vote")), walk.voting_code)
    walk.check("confirmation", "10-confirmation")
    walk.click_button("Valider mon vote (définitif)")

    assert walk.h1() == "Votre vote a été enregistré"
    walk.tracker = page.locator("main dd.portal-tracker").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}( [0-9A-Z]{1,4})+", walk.tracker), walk.tracker
    # Drawn so that 0/O and 1/I/l differ: the DSFR's Spectral with its slashed zero.
    style = page.locator("main dd.portal-tracker").evaluate(
        "(e) => [getComputedStyle(e).fontFamily, getComputedStyle(e).fontVariantNumeric]"
    )
    assert style[0].startswith("Spectral") and "slashed-zero" in style[1], style
    assert page.evaluate("() => document.fonts.check('1rem Spectral')")
    walk.check("recu", "11-recu")

    walk.click_link("Retour au scrutin")
    assert "Vous avez voté le" in page.locator("main").text_content()  # a badge: upper case
    assert page.get_by_role("link", name=f"Voter au scrutin {SCRUTIN}").count() == 0
    walk.check("scrutin-a-vote")

    # A second attempt (a bookmark, the back button): refused, the first vote stands.
    page.goto(f"/electeur/scrutins/{SCRUTIN}/voter/")
    assert "Vous avez déjà voté" in page.get_by_role("alert").inner_text()
    walk.check("second-vote-refuse")
    assert (
        BoardEvent.objects.filter(campaign__slug=CAMPAIGN, kind="ballot", scrutin=SCRUTIN).count()
        == 1
    )


# --- Step 5: the results and the box -------------------------------------------------------


def read_the_results(walk: Walk, expected) -> None:
    page, hands = walk.page, walk.hands
    page.goto("/")
    walk.click_link("Résultats", exact=True, within="header #menu-principal")
    assert walk.h1() == "Résultats — Élections professionnelles 2014"
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=SCRUTIN_LABEL))
    cells = row.get_by_role("cell").all_inner_texts()
    assert cells[0:2] == [str(expected.registered), str(expected.voters)]
    assert cells[3:] == [str(expected.valid), expected.seats_summary]
    walk.check("resultats", "12-resultats")

    walk.click_link(SCRUTIN_LABEL)
    assert walk.h1() == SCRUTIN_LABEL
    counts = page.get_by_role("table", name=re.compile("^Participation")).get_by_role("cell")
    assert counts.all_inner_texts()[3:] == [str(expected.blank), "0", str(expected.valid)]
    lists = page.get_by_role("table", name=re.compile("^Voix et sièges"))
    for acronym, (votes, seats) in expected.lines.items():
        line = lists.get_by_role("row").filter(has=page.get_by_role("rowheader", name=acronym))
        texts = line.get_by_role("cell").all_inner_texts()
        assert (texts[1], texts[3]) == (str(votes), str(seats)), (acronym, texts)
    walk.check("resultat-scrutin")

    walk.click_link("L'urne et les numéros de suivi")
    assert walk.tracker in page.locator("main ol").inner_text()
    hands.fill(page.get_by_label(re.compile("^Rechercher mon numéro de suivi")), walk.tracker)
    walk.click_button("Rechercher")
    found = page.get_by_role("status").filter(has_text="est bien dans l'urne")
    assert walk.tracker in found.inner_text()
    walk.check("urne", "13-urne")


@dataclass
class Expected:
    registered: int
    voters: int
    blank: int
    valid: int
    lines: dict  # acronym → (votes, seats), in ballot order

    @property
    def seats_summary(self) -> str:
        won = [f"{acronym} {seats}" for acronym, (_votes, seats) in self.lines.items() if seats]
        return ", ".join(won)


def expected_results() -> Expected:
    """What the count must say, from the roll and the two votes cast in this test."""
    from ballots.models import CandidateList, RollEntry
    from ballots.seats import allocate_seats

    lists = CandidateList.objects.filter(
        scrutin__campaign__slug=CAMPAIGN, scrutin__code=SCRUTIN
    ).order_by("position")
    votes = {item.acronym: int(item.acronym == VINCENT_CHOICE) for item in lists}
    seats = allocate_seats(votes, lists[0].scrutin.seats).seats
    assert not allocate_seats(votes, lists[0].scrutin.seats).draws
    return Expected(
        registered=RollEntry.objects.filter(
            scrutin__campaign__slug=CAMPAIGN, scrutin__code=SCRUTIN
        ).count(),
        voters=2,
        blank=1,
        valid=sum(votes.values()),
        lines={acronym: (votes[acronym], seats[acronym]) for acronym in votes},
    )


def valerie_votes_blank(code: str) -> None:
    from django.utils import timezone

    from ballots.models import Scrutin
    from ballots.services.voting import vote_cast

    valerie = User.objects.get(email="valerie.dupont@ac-grenoble.fr")
    scrutin = Scrutin.objects.get(campaign__slug=CAMPAIGN, code=SCRUTIN)
    vote_cast(user=valerie, scrutin=scrutin, choice="blanc", code=code, at=timezone.now())


def count_with_two_trustees(trustees, folder) -> None:
    """The count as the operations guide gives it: close, export, two trustees, count."""
    archive = str(folder / "tableau.jsonl")
    quiet = {"stdout": io.StringIO()}
    call_command("tally", "--campaign", CAMPAIGN, **quiet)
    call_command("export_archive", "--campaign", CAMPAIGN, archive, **quiet)
    partials = []
    for index in (1, 2):
        partials += ["--partial", str(folder / f"partiel-{index}.json")]
        call_command(
            "trustee_decrypt", "--board", archive,
            "--key", str(trustees / f"scrutateur-{index}.cle"),
            "--passphrase-file", str(trustees / f"scrutateur-{index}.phrase"),
            "--out", partials[-1], **quiet,
        )  # fmt: skip
    call_command("tally", "--campaign", CAMPAIGN, *partials, **quiet)


# --- The journey, three ways ---------------------------------------------------------------

WAYS = {
    "avec-js": {"javascript": True, "keyboard_only": False},
    "sans-js": {"javascript": False, "keyboard_only": False},
    "clavier": {"javascript": True, "keyboard_only": True},
}


@pytest.mark.parametrize("way", list(WAYS), ids=list(WAYS))
def test_vincent_dupont_walks_from_the_ministry_mail_to_the_results(
    new_page, seed_demo, clock, check_page, page_watch, screenshot, hands, journey, way, tmp_path
):
    javascript, keyboard_only = WAYS[way].values()
    clock("2014-10-20 09:00")  # before the campaign: keys and sealing
    demo = seed_demo(calendar="2014")
    # The README's tour (docs/screenshots/) is taken from the JavaScript walk, at 1280×800.
    tour = {"viewport": {"width": 1280, "height": 800}} if way == "avec-js" else {}
    page = new_page(java_script_enabled=javascript, **tour)
    if keyboard_only:  # the same pages as the mouse walk's, which axe has audited already

        def check_page(page, step, *, docs=None):
            page_watch(page).assert_clean(step)
            return screenshot(page, step)

    walk = Walk(page, hands(page, keyboard_only=keyboard_only), check_page, docs=way == "avec-js")

    clock("2014-11-10 10:00")  # rolls and lists published, profile updates still open
    journey.open_the_opening_mail(page, walk.hands, walk, docs=walk.docs)
    create_the_account(walk)
    confirm_from_the_webmail(walk)
    walk.check("espace-electeur", "07-espace-electeur")
    request_a_profile_update(walk)
    browse_my_scrutins(walk)

    clock("2014-11-28 10:00")  # voting open; the session of 10 November has expired
    page.goto("/electeur/")
    log_in(walk)
    walk.voting_code = code_on_notice(demo.notices, "Vincent Dupont", "Lycée Champollion")
    assert walk.voting_code == demo.codes["vdupont"]
    vote(walk)
    valerie_votes_blank(demo.codes["vdupont2"])

    clock("2014-12-04 17:30")  # closed: the board is closed, 2 of the 3 trustees decrypt
    count_with_two_trustees(demo.trustees, tmp_path)
    clock("2014-12-05 09:00")  # results day
    read_the_results(walk, expected_results())
