"""Attaching a list's profession de foi and logo outside the admin (demo, scripts).

The admin's form runs the same checks through the model fields' validators.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from ballots.models import CandidateList
from ballots.services.campaign import ensure_campaign_editable
from ballots.uploads import validate_logo, validate_profession_de_foi
from core.audit import EventKind, record


@transaction.atomic
def candidate_list_attach(
    *,
    candidate_list: CandidateList,
    profession_de_foi: bytes | None = None,
    logo: bytes | None = None,
    logo_extension: str = "png",
    actor: User | None = None,
) -> CandidateList:
    """Check then store the given files (ValidationError if one is not what it claims to be)."""
    ensure_campaign_editable(candidate_list.scrutin.campaign)
    if profession_de_foi is not None:
        content = ContentFile(profession_de_foi, name="profession-de-foi.pdf")
        validate_profession_de_foi(content)
        if candidate_list.profession_de_foi:
            candidate_list.profession_de_foi.delete(save=False)
        candidate_list.profession_de_foi.save("profession-de-foi.pdf", content, save=False)
    if logo is not None:
        content = ContentFile(logo, name=f"logo.{logo_extension}")
        validate_logo(content)
        if candidate_list.logo:
            candidate_list.logo.delete(save=False)
        candidate_list.logo.save(f"logo.{logo_extension}", content, save=False)
    candidate_list.save(update_fields=["profession_de_foi", "logo"])
    record(
        EventKind.CAMPAIGN_LIST_DOCUMENTS_ATTACHED,
        actor=actor,
        subject=str(candidate_list),
        profession_de_foi=profession_de_foi is not None,
        logo=logo is not None,
    )
    return candidate_list
