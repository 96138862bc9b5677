"""The layout of the paper notices de vote and of the establishment's hand-over sheet.

fpdf2 with the DejaVu fonts bundled next to this module (accents, Œ/œ, apostrophes and
long names print as typed); the voting code in DejaVu Sans Mono Bold, whose 0/O and
1/I/l differ at a glance. Pages are A4; the notice's address block sits where a
window envelope (DL, window on the right) shows it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.paris import paris_format

# fontTools logs the glyphs it keeps at INFO: for the code's font, the code's characters.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
TEXT, CODE = "DejaVu", "DejaVuMono"
DATE_FORMAT = "l j F Y à H:i"


@dataclass(frozen=True)
class Notice:
    """One elector's notice: who, where, and the code (formatted, e.g. ``K7M2-Q9XD-…``)."""

    reference: str
    surname: str
    first_name: str
    academie: str
    workplace: str
    code: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"


@dataclass(frozen=True)
class NoticeContext:
    """What every notice of a campaign repeats: its name, dates, the portal and the guichet."""

    campaign: str
    opens: datetime
    closes: datetime
    portal_url: str
    guichet: dict
    replacement: bool = False


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(20, 15, 20)
        self.add_font(TEXT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(TEXT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.add_font(CODE, "B", FONTS / "DejaVuSansMono-Bold.ttf")
        self.set_title(title)
        self.set_creator("electionspro")

    def paragraph(self, text: str, *, size: float = 10.5, bold: bool = False, gap: float = 2):
        self.set_font(TEXT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def _steps(context: NoticeContext) -> list[str]:
    portal = context.portal_url.rstrip("/")
    return [
        _(
            "Ouvrez votre messagerie académique et lisez le courriel « ouverture de votre "
            "espace électeur »."
        ),
        _(
            "Sur %(portal)s, créez votre compte électeur avec votre adresse professionnelle "
            "(ou connectez-vous si c'est déjà fait)."
        )
        % {"portal": portal},
        _("Dans « Mes scrutins », choisissez un scrutin puis une liste, ou le vote blanc."),
        _(
            "Quand le portail vous le demande, tapez le code de vote ci-dessus, puis "
            "confirmez. Le même code sert pour chacun de vos scrutins."
        ),
        _(
            "Gardez le numéro de suivi affiché : il vous permet de retrouver votre bulletin "
            "dans l'urne."
        ),
    ]


def _notice_page(pdf: _Document, notice: Notice, context: NoticeContext) -> None:
    pdf.add_page()
    pdf.set_font(TEXT, "B", 15)
    title = _("Notice de vote de remplacement") if context.replacement else _("Notice de vote")
    pdf.cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(context.campaign, size=11, gap=1)
    reference = _("Personnel et confidentiel — référence %(ref)s") % {"ref": notice.reference}
    pdf.paragraph(reference, size=9)
    # The address block, where a DL window envelope shows it (right, about 45 mm down).
    pdf.set_xy(110, 45)
    pdf.set_font(TEXT, "B", 11)
    pdf.multi_cell(80, 5.5, notice.full_name, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(TEXT, "", 10)
    lines = [notice.workplace or _("Affectation non renseignée"), notice.academie]
    pdf.multi_cell(80, 5, "\n".join(lines), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), 80) + 4)
    pdf.paragraph(_("Votre code de vote"), size=11, bold=True, gap=1)
    pdf.set_font(CODE, "B", 24)
    pdf.set_fill_color(240, 240, 240)
    pdf.cell(0, 16, notice.code, border=1, align="C", fill=True)
    pdf.ln(18)
    pdf.paragraph(
        _(
            "Ce code vous est personnel. Ne le donnez jamais à personne, ni par téléphone ni "
            "par courriel : ni le guichet, ni votre établissement, ni l'académie ne vous le "
            "demanderont. Le mot de passe de votre compte ne le remplace pas."
        ),
        bold=True,
    )
    pdf.paragraph(
        _("Le vote par internet est ouvert du %(opens)s au %(closes)s (heure de Paris).")
        % {
            "opens": paris_format(context.opens, DATE_FORMAT),
            "closes": paris_format(context.closes, DATE_FORMAT),
        }
    )
    pdf.paragraph(_("Comment voter"), size=11, bold=True, gap=1)
    for number, step in enumerate(_steps(context), start=1):
        pdf.paragraph(f"{number}. {step}", gap=1)
    pdf.ln(2)
    pdf.paragraph(
        _(
            "Notice perdue ou abîmée ? Demandez-en une nouvelle sur la page « Notice de vote » "
            "de votre espace électeur (%(url)s) ou auprès du guichet unique. L'ancien code "
            "cessera alors de fonctionner."
        )
        % {"url": context.portal_url.rstrip("/") + "/electeur/notice-de-vote/"}
    )
    guichet = context.guichet
    pdf.paragraph(_("Guichet unique d'assistance"), size=11, bold=True, gap=1)
    pdf.paragraph(
        _("%(phone)s (%(price)s) ou %(alt)s, %(hours)s.")
        % {
            "phone": guichet["guichet_phone"],
            "price": guichet["guichet_phone_price"],
            "alt": guichet["guichet_phone_alt"],
            "hours": guichet["guichet_hours"],
        }
    )


def notices_pdf(notices: list[Notice], context: NoticeContext) -> bytes:
    """One page per notice, in the order given."""
    pdf = _Document(_("Notices de vote — %(c)s") % {"c": context.campaign})
    for notice in notices:
        _notice_page(pdf, notice, context)
    return bytes(pdf.output())


def handover_pdf(notices: list[Notice], context: NoticeContext, *, workplace: str) -> bytes:
    """The hand-over sheet: each elector of the establishment signs on receiving their notice."""
    title = _("Émargement de remise des notices de vote")
    pdf = _Document(f"{title} — {workplace}")
    pdf.add_page()
    pdf.paragraph(title, size=14, bold=True, gap=1)
    pdf.paragraph(context.campaign, size=11, gap=1)
    pdf.paragraph(workplace, size=11, bold=True, gap=2)
    pdf.paragraph(
        _(
            "Le chef d'établissement remet à chaque électeur, en main propre, la notice "
            "qui porte son nom, sous pli fermé, contre sa signature. Une notice non "
            "remise est conservée sous clé et n'est jamais ouverte."
        ),
        size=9.5,
    )
    pdf.set_font(TEXT, "", 8.5)
    widths = (9, 54, 34, 29, 18, 26)
    with pdf.table(
        col_widths=widths, line_height=5, text_align="LEFT", min_row_height=14, repeat_headings=1
    ) as table:
        header = table.row()
        for label in (_("N°"), _("Nom"), _("Prénom"), _("Référence"), _("Date"), _("Signature")):
            header.cell(label)
        for number, notice in enumerate(notices, start=1):
            row = table.row()
            row.cell(str(number))
            row.cell(notice.surname)
            row.cell(notice.first_name)
            row.cell(notice.reference)
            row.cell("")
            row.cell("")
    pdf.ln(8)
    pdf.paragraph(
        _("Le chef d'établissement (nom, date, signature et cachet) :"), size=10, bold=True
    )
    return bytes(pdf.output())
