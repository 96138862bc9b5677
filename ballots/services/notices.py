"""The paper notices of the credential authority: who gets which page, with what around it.

The authority calls `notices_write` with the codes it has just made (generation or
replacement); the layout and the files are `ballots.notices`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ballots.models import Campaign
from ballots.notices.batches import PrintedNotices, write_notices
from ballots.notices.pdf import Notice, NoticeContext
from webmail_auth.models import Agent

VOWELS = tuple("AEIOUYÉÈÊÂÎÔ")


def academie_label(name: str) -> str:
    """« Académie de Grenoble », « Académie d'Aix-Marseille »."""
    if name.upper().startswith(VOWELS):
        return _("Académie d'%(name)s") % {"name": name}
    return _("Académie de %(name)s") % {"name": name}


def notice_reference(agent: Agent, *, replacement: int | None = None) -> str:
    """The reference printed on the notice and in the mail house's CSV (never the code)."""
    suffix = f"R{replacement}" if replacement else "1"
    return f"NV-{agent.pk:07d}-{suffix}"


def notice_of(agent: Agent, *, code: str, reference: str) -> tuple[str, Notice]:
    """(académie code, the notice) for an agent loaded with its académie."""
    return agent.academie.code, Notice(
        reference=reference,
        surname=agent.surname,
        first_name=agent.first_name,
        academie=academie_label(agent.academie.name),
        workplace=agent.workplace,
        code=code,
    )


def notices_write(
    *,
    campaign: Campaign,
    notices: Iterable[tuple[str, Notice]],
    out_dir: Path,
    replacement: bool = False,
) -> PrintedNotices:
    """Write the campaign's notices (PDF batches, hand-over sheets, mail CSV) to out_dir."""
    context = NoticeContext(
        campaign=campaign.name,
        opens=campaign.voting_opens,
        closes=campaign.voting_closes,
        portal_url=settings.ELECTIONSPRO_SITE_URL,
        guichet=settings.PORTAL,
        replacement=replacement,
    )
    return write_notices(notices, context, Path(out_dir))
