"""import_scrutins: `code,libelle,type,perimetre,sieges,mode` (+ `academie,departement`)."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import Campaign, Scrutin
from ballots.services.campaign import ensure_campaign_editable
from core.audit import EventKind
from core.csvfiles import ImportReport, RowError, formula_warning, normalise_choice, open_csv
from webmail_auth.models import Academie

from .common import (
    Progress,
    Source,
    analyze_if_written,
    choice_reason,
    no_progress,
    record_import,
    settle_errors,
)

REQUIRED = ["code", "libelle", "type", "perimetre", "sieges", "mode"]
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
DEPARTMENT_RE = re.compile(r"^(?:[0-9]{2,3}|2[AB])$")
FIELDS = ["label", "kind", "perimeter", "academie_id", "department", "seats", "mode"]


def _parse_row(row, *, academies: dict[str, int], seen: dict[str, int]):
    """The Scrutin field values of one row, or its errors."""
    errors: list[RowError] = []

    def error(column: str, reason: str) -> None:
        errors.append(RowError(row.line, column, reason))

    code = row.get("code")
    if not code:
        error("code", _("obligatoire"))
    elif not CODE_RE.match(code):
        error("code", _("lettres, chiffres, tirets et soulignés seulement (60 au plus)"))
    elif code in seen:
        error("code", _("déjà présent à la ligne %(line)d") % {"line": seen[code]})
    label = row.get("libelle")
    if not label:
        error("libelle", _("obligatoire"))
    elif len(label) > 255:
        error("libelle", _("255 caractères au plus"))
    kind = row.get("type").upper()
    if kind not in Scrutin.Kind.values:
        error(
            "type",
            _("« %(value)s » inconnu (attendu : %(choices)s)")
            % {"value": row.get("type"), "choices": choice_reason(Scrutin.Kind.values)},
        )
    perimeter = normalise_choice(row.get("perimetre"))
    if perimeter not in Scrutin.Perimeter.values:
        error(
            "perimetre",
            _("« %(value)s » inconnu (attendu : %(choices)s)")
            % {"value": row.get("perimetre"), "choices": choice_reason(Scrutin.Perimeter.values)},
        )
    academie_code = normalise_choice(row.get("academie"))
    academie_id = None
    if perimeter == Scrutin.Perimeter.NATIONAL and academie_code:
        error("academie", _("un scrutin national ne relève pas d'une académie : laissez vide"))
    elif perimeter in {Scrutin.Perimeter.ACADEMIC, Scrutin.Perimeter.DEPARTMENTAL}:
        if not academie_code:
            error("academie", _("obligatoire pour un scrutin académique ou départemental"))
        elif academie_code not in academies:
            error("academie", _("académie « %(value)s » inconnue") % {"value": row.get("academie")})
        else:
            academie_id = academies[academie_code]
    department = row.get("departement").upper()
    if perimeter == Scrutin.Perimeter.DEPARTMENTAL:
        if not department:
            error("departement", _("obligatoire pour un scrutin départemental"))
        elif not DEPARTMENT_RE.match(department):
            error(
                "departement",
                _("« %(value)s » n'est pas un numéro de département") % {"value": department},
            )
    elif department and perimeter in Scrutin.Perimeter.values:
        error("departement", _("seul un scrutin départemental a un département : laissez vide"))
    seats = row.get("sieges")
    if not seats.isdigit() or not 0 < int(seats) <= 32767:
        error("sieges", _("un nombre entier de sièges, au moins 1"))
    mode = normalise_choice(row.get("mode"))
    if mode not in Scrutin.Mode.values:
        error(
            "mode",
            _("« %(value)s » inconnu (attendu : %(choices)s)")
            % {"value": row.get("mode"), "choices": choice_reason(Scrutin.Mode.values)},
        )
    if errors:
        return None, errors
    seen[code] = row.line
    values = {
        "label": label,
        "kind": kind,
        "perimeter": perimeter,
        "academie_id": academie_id,
        "department": department,
        "seats": int(seats),
        "mode": mode,
    }
    return (code, values), []


def scrutins_import(
    *,
    campaign: Campaign,
    source: Source,
    skip_invalid: bool = False,
    actor: User | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Create or update the campaign's scrutins by code; scrutins absent from the file stay."""
    ensure_campaign_editable(campaign)
    academies = dict(Academie.objects.values_list("code", "id"))
    report = ImportReport()
    parsed: list[tuple[str, dict]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    rows = open_csv(source, required=REQUIRED)
    for row in rows:
        report.rows += 1
        result, row_errors = _parse_row(row, academies=academies, seen=seen)
        errors += row_errors
        warning = formula_warning(line=row.line, column="libelle", value=row.get("libelle"))
        if warning is not None:
            report.warnings.append(warning)
        if result is not None:
            parsed.append(result)
    settle_errors(report, errors + rows.cell_errors, skip_invalid=skip_invalid)

    with transaction.atomic():
        existing = {scrutin.code: scrutin for scrutin in campaign.scrutins.all()}
        to_create, to_update = [], []
        for code, values in parsed:
            scrutin = existing.get(code)
            if scrutin is None:
                to_create.append(Scrutin(campaign=campaign, code=code, **values))
            elif any(getattr(scrutin, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(scrutin, name, value)
                to_update.append(scrutin)
        Scrutin.objects.bulk_create(to_create, batch_size=1000)
        Scrutin.objects.bulk_update(to_update, FIELDS, batch_size=1000)
        report.created, report.updated = len(to_create), len(to_update)
        report.unchanged = len(parsed) - len(to_create) - len(to_update)
        record_import(
            EventKind.CAMPAIGN_SCRUTINS_IMPORTED,
            campaign=campaign,
            actor=actor,
            report=report,
            updated=report.updated,
        )
    analyze_if_written(report, Scrutin)
    progress(_("%(count)d scrutin(s) lu(s).") % {"count": len(parsed)})
    return report
