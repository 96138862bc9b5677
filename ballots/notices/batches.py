"""The print batches: notices per establishment and per académie, hand-over sheets, mail CSV.

Layout of the output folder (every file readable by its owner only, the folders 0700):

    notices/<académie>/<établissement>.pdf    one page per elector, sorted by name
    notices/<académie>.pdf                    the same pages for the whole académie
    emargement/<académie>/<établissement>.pdf the sheet each elector signs on receipt
    envoi-postal.csv                          for the mail house: no voting code

The mail house's CSV carries the name, the establishment's address (the only postal
address the directory holds), the académie and the notice's reference printed on the
page, so that an envelope can be matched with its sealed notice; it never carries the
code: the authority prints and seals the notices itself, and a file pairing names with
codes would be the whole secret in one spreadsheet.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ballots.notices.pdf import Notice, NoticeContext, handover_pdf, notices_pdf
from core.csvfiles import SafeCsvWriter

NOTICES_DIR = "notices"
HANDOVER_DIR = "emargement"
MAIL_FILE = "envoi-postal.csv"
MAIL_COLUMNS = ["reference", "nom", "prenom", "affectation", "academie", "fichier", "page"]
NO_WORKPLACE = "sans-affectation"


@dataclass
class PrintedNotices:
    notices: int = 0
    establishments: int = 0
    files: list[Path] = field(default_factory=list)


def _private_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        out.write(data)


def _file_names(keys: Iterable[str]) -> dict[str, str]:
    """Each establishment → a distinct, readable file name (a suffix when two slugs clash)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(keys):
        base = slugify(key)[:80] or NO_WORKPLACE
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        names[key] = name
    return names


def write_notices(
    notices: Iterable[tuple[str, Notice]], context: NoticeContext, out_dir: Path
) -> PrintedNotices:
    """Write the batches for `(académie code, notice)` pairs under out_dir (French text)."""
    grouped: dict[str, dict[str, list[Notice]]] = defaultdict(lambda: defaultdict(list))
    for academie, notice in notices:
        grouped[academie][notice.workplace].append(notice)
    result = PrintedNotices()
    out_dir = Path(out_dir)
    mail_path = out_dir / MAIL_FILE
    with translation.override("fr"):
        mail_rows = []
        for academie in sorted(grouped):
            establishments = grouped[academie]
            names = _file_names(establishments)
            everyone: list[Notice] = []
            for workplace in sorted(establishments):
                batch = sorted(establishments[workplace], key=_by_name)
                name = names[workplace]
                relative = Path(NOTICES_DIR, academie, f"{name}.pdf")
                where = str(relative)
                _private_bytes(out_dir / relative, notices_pdf(batch, context))
                sheet = out_dir / HANDOVER_DIR / academie / f"{name}.pdf"
                label = workplace or _("Affectation non renseignée")
                _private_bytes(sheet, handover_pdf(batch, context, workplace=label))
                result.files += [out_dir / relative, sheet]
                mail_rows += [
                    [n.reference, n.surname, n.first_name, n.workplace, n.academie, where, page]
                    for page, n in enumerate(batch, start=1)
                ]
                everyone += batch
                result.establishments += 1
            whole = out_dir / NOTICES_DIR / f"{academie}.pdf"
            _private_bytes(whole, notices_pdf(everyone, context))
            result.files.append(whole)
            result.notices += len(everyone)
    mail_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with mail_path.open("w", encoding="utf-8", newline="") as out:
        writer = SafeCsvWriter(out)  # a mail house opens it in a spreadsheet
        writer.writerow(MAIL_COLUMNS)
        writer.writerows(mail_rows)
    result.files.append(mail_path)
    return result


def _by_name(notice: Notice) -> tuple[str, str, str]:
    return (notice.surname.casefold(), notice.first_name.casefold(), notice.reference)
