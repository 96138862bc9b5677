"""What the campaign has mailed to whom, so that a rerun never mails twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpeningMail(models.Model):
    """The opening mail ("ouverture de votre espace électeur") sent to one agent.

    Written in the same transaction as the mail itself (the webmail stores it in the
    database), so a crash or a rerun resumes without duplicates.
    """

    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="opening_mails",
        verbose_name=_("campagne"),
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.CASCADE,
        related_name="opening_mails",
        verbose_name=_("agent"),
    )
    sent_at = models.DateTimeField(_("envoyé le"))

    class Meta:
        verbose_name = _("courriel d'ouverture")
        verbose_name_plural = _("courriels d'ouverture")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agent"], name="opening_mail_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.agent_id}"
