"""import_candidacies: `scrutin,ordre,organisation,sigle` (+ `rang,nom,prenom,qualite`).

One row per candidate; the rows of one list share `scrutin` and `ordre` and must
agree on `organisation` and `sigle`. A row without candidate columns only declares
its list, so a list with no candidate rows is a sigle-only list. The file is the
truth for the lists it names: their candidates are replaced when they differ.
Professions de foi and logos are uploaded in the admin, not imported.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import Campaign, Candidate, CandidateList
from ballots.services.campaign import ensure_campaign_editable
from core.audit import EventKind
from core.csvfiles import ImportReport, RowError, formula_warning, normalise_choice, open_csv

from .common import (
    Progress,
    Source,
    analyze_if_written,
    no_progress,
    record_import,
    settle_errors,
)

REQUIRED = ["scrutin", "ordre", "organisation", "sigle"]
CANDIDATE_COLUMNS = ["rang", "nom", "prenom", "qualite"]


@dataclass
class ParsedList:
    scrutin_id: int
    position: int
    organisation: str
    acronym: str
    first_line: int
    lines: list[int] = field(default_factory=list)
    candidates: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # rank → names
    rank_lines: dict[int, int] = field(default_factory=dict)
    invalid: bool = False


def _positive(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) <= 32767 else None


def _parse(rows, *, scrutin_ids: dict[str, int], existing_acronyms, errors, report):
    """Group the rows into lists, appending every fault to `errors`."""
    lists: dict[tuple[int, int], ParsedList] = {}
    acronym_owner: dict[tuple[int, str], tuple[int, int]] = {}  # (scrutin, sigle) → (ordre, line)
    for row in rows:
        report.rows += 1
        row_errors: list[RowError] = []

        def error(column: str, reason: str, line: int = row.line, bucket=row_errors) -> None:
            bucket.append(RowError(line, column, reason))

        scrutin_id = scrutin_ids.get(row.get("scrutin"))
        if not row.get("scrutin"):
            error("scrutin", _("obligatoire"))
        elif scrutin_id is None:
            error(
                "scrutin",
                _("scrutin « %(code)s » inconnu dans la campagne") % {"code": row.get("scrutin")},
            )
        position = _positive(row.get("ordre"))
        if position is None:
            error("ordre", _("un nombre entier, au moins 1 (la place sur le bulletin)"))
        organisation, acronym = row.get("organisation"), row.get("sigle")
        if not organisation or len(organisation) > 255:
            error("organisation", _("obligatoire, 255 caractères au plus"))
        if not acronym or len(acronym) > 60:
            error("sigle", _("obligatoire, 60 caractères au plus"))
        for column in ("organisation", "sigle"):
            warning = formula_warning(line=row.line, column=column, value=row.get(column))
            if warning is not None:
                report.warnings.append(warning)
        candidate = [row.get(column) for column in CANDIDATE_COLUMNS]
        rank = quality = None
        if any(candidate):
            rank = _positive(candidate[0])
            if rank is None:
                error("rang", _("un nombre entier, au moins 1"))
            for column, value in zip(("nom", "prenom"), candidate[1:3], strict=True):
                if not value or len(value) > 150:
                    error(column, _("obligatoire pour un candidat, 150 caractères au plus"))
            quality = normalise_choice(candidate[3])
            if quality not in Candidate.Quality.values:
                error("qualite", _("« titulaire » ou « suppleant » attendu"))
        if scrutin_id is None or position is None:
            errors += row_errors
            continue
        parsed = lists.get((scrutin_id, position))
        if parsed is None:
            parsed = lists[(scrutin_id, position)] = ParsedList(
                scrutin_id, position, organisation, acronym, row.line
            )
        else:
            if organisation != parsed.organisation:
                error(
                    "organisation",
                    _("différente de la ligne %(line)d pour la même liste")
                    % {"line": parsed.first_line},
                )
            if acronym != parsed.acronym:
                error(
                    "sigle",
                    _("différent de la ligne %(line)d pour la même liste")
                    % {"line": parsed.first_line},
                )
        parsed.lines.append(row.line)
        if acronym and parsed.first_line == row.line:
            owner = acronym_owner.get((scrutin_id, acronym))
            if owner is not None:
                error(
                    "sigle",
                    _("déjà pris par la liste d'ordre %(position)d à la ligne %(line)d")
                    % {"position": owner[0], "line": owner[1]},
                )
            elif existing_acronyms.get((scrutin_id, acronym), position) != position:
                error(
                    "sigle",
                    _("déjà pris par la liste d'ordre %(position)d déjà enregistrée")
                    % {"position": existing_acronyms[(scrutin_id, acronym)]},
                )
            acronym_owner[(scrutin_id, acronym)] = (position, row.line)
        if rank is not None and not row_errors:
            if rank in parsed.rank_lines:
                error(
                    "rang",
                    _("déjà donné à la ligne %(line)d dans cette liste")
                    % {"line": parsed.rank_lines[rank]},
                )
            else:
                parsed.rank_lines[rank] = row.line
                parsed.candidates[rank] = (candidate[1], candidate[2], quality)
        if row_errors:
            parsed.invalid = True
            errors += row_errors
    return lists


def candidacies_import(
    *,
    campaign: Campaign,
    source: Source,
    skip_invalid: bool = False,
    actor: User | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Create or update the lists named in the file, with exactly the file's candidates."""
    ensure_campaign_editable(campaign)
    scrutin_ids = dict(campaign.scrutins.values_list("code", "id"))
    existing = {
        (candidate_list.scrutin_id, candidate_list.position): candidate_list
        for candidate_list in CandidateList.objects.filter(
            scrutin__campaign=campaign
        ).prefetch_related("candidates")
    }
    existing_acronyms = {(key[0], item.acronym): key[1] for key, item in existing.items()}
    report = ImportReport()
    errors: list[RowError] = []
    rows = open_csv(source, required=REQUIRED)
    lists = _parse(
        rows,
        scrutin_ids=scrutin_ids,
        existing_acronyms=existing_acronyms,
        errors=errors,
        report=report,
    )
    settle_errors(report, errors + rows.cell_errors, skip_invalid=skip_invalid)
    valid = [parsed for parsed in lists.values() if not parsed.invalid]

    with transaction.atomic():
        new_lists, changed_lists, replace_candidates = [], [], []
        for parsed in valid:
            current = existing.get((parsed.scrutin_id, parsed.position))
            wanted = {rank: names for rank, names in parsed.candidates.items()}
            if current is None:
                current = CandidateList(
                    scrutin_id=parsed.scrutin_id,
                    position=parsed.position,
                    organisation=parsed.organisation,
                    acronym=parsed.acronym,
                )
                new_lists.append(current)
                replace_candidates.append((current, wanted))
                continue
            if (current.organisation, current.acronym) != (parsed.organisation, parsed.acronym):
                current.organisation, current.acronym = parsed.organisation, parsed.acronym
                changed_lists.append(current)
            stored = {
                c.rank: (c.surname, c.first_name, c.quality) for c in current.candidates.all()
            }
            if stored != wanted:
                replace_candidates.append((current, wanted))
                if current not in changed_lists:
                    changed_lists.append(current)
        CandidateList.objects.bulk_create(new_lists, batch_size=1000)
        CandidateList.objects.bulk_update(
            changed_lists, ["organisation", "acronym"], batch_size=1000
        )
        Candidate.objects.filter(
            candidate_list__in=[item for item, _wanted in replace_candidates if item.pk]
        ).delete()
        Candidate.objects.bulk_create(
            [
                Candidate(
                    candidate_list=item,
                    rank=rank,
                    surname=surname,
                    first_name=first_name,
                    quality=quality,
                )
                for item, wanted in replace_candidates
                for rank, (surname, first_name, quality) in sorted(wanted.items())
            ],
            batch_size=1000,
        )
        report.created, report.updated = len(new_lists), len(changed_lists)
        report.unchanged = len(valid) - len(new_lists) - len(changed_lists)
        record_import(
            EventKind.CAMPAIGN_CANDIDACIES_IMPORTED,
            campaign=campaign,
            actor=actor,
            report=report,
            updated=report.updated,
        )
    analyze_if_written(report, CandidateList, Candidate)
    progress(_("%(count)d liste(s) lue(s).") % {"count": len(valid)})
    return report
