"""The academic directory: académies and their agents, and the webmail's mailboxes."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Academie(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("ex. grenoble"))
    name = models.CharField(_("nom"), max_length=100)
    mail_domain = models.CharField(
        _("domaine de messagerie"), max_length=100, unique=True, help_text=_("ex. ac-grenoble.fr")
    )
    numen_code = models.CharField(
        _("code académie du NUMEN"), max_length=2, help_text=_("2 chiffres, ex. 08 pour Grenoble")
    )
    assistance_phone = models.CharField(_("téléphone d'assistance"), max_length=30, blank=True)
    assistance_email = models.EmailField(_("adresse d'assistance"), blank=True)

    class Meta:
        verbose_name = _("académie")
        verbose_name_plural = _("académies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(numen_code__regex=r"^[0-9]{2}$"),
                name="academie_numen_code_two_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Agent(models.Model):
    """A person of the directory. The NUMEN is kept only as a keyed digest (numen.py)."""

    # Unique and indexed through Meta.constraints/indexes: plain B-trees, without the extra
    # LIKE indexes that unique=True/db_index=True add on PostgreSQL (import speed).
    numen_digest = models.CharField(_("empreinte du NUMEN"), max_length=64, editable=False)
    surname = models.CharField(_("nom"), max_length=150)
    first_name = models.CharField(_("prénom"), max_length=150)
    # Not indexed: every index slows the import's COPY, and nothing lists agents by académie
    # at scale (the admin filter scans; deleting an académie is exceptional).
    academie = models.ForeignKey(
        Academie,
        on_delete=models.PROTECT,
        related_name="agents",
        verbose_name=_("académie"),
        db_index=False,
    )
    corps = models.CharField(_("corps"), max_length=150, blank=True)
    workplace = models.CharField(_("affectation"), max_length=255, blank=True)
    identifier = models.CharField(_("identifiant de messagerie"), max_length=160)
    # The bare (un-numbered) forms, for homonym numbering (services.NameAllocator). Not
    # indexed on purpose: a big import reads them in one scan, and every index slows COPY.
    identifier_base = models.CharField(_("identifiant sans numéro"), max_length=160, editable=False)
    email = models.EmailField(_("adresse professionnelle"), max_length=254)
    address_base = models.CharField(
        _("adresse sans numéro"),
        max_length=254,
        blank=True,
        editable=False,
        help_text=_("Vide quand l'adresse vient du fichier RH."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["surname", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["numen_digest"], name="agent_numen_digest_unique"),
            models.UniqueConstraint(fields=["identifier"], name="agent_identifier_unique"),
            # Stored lower case, so this plain unique index is case-insensitive unique.
            models.UniqueConstraint(fields=["email"], name="agent_email_unique"),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="agent_email_lower_case"
            ),
            models.CheckConstraint(
                condition=models.Q(identifier__regex=r"^[a-z]+[0-9]*$"),
                name="agent_identifier_letters_then_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.surname} ({self.identifier})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"


class Message(models.Model):
    """A mail delivered to an agent's academic mailbox (see mail.WebmailBackend)."""

    agent = models.ForeignKey(
        Agent, on_delete=models.CASCADE, related_name="messages", verbose_name=_("destinataire")
    )
    sender = models.CharField(_("expéditeur"), max_length=255)
    subject = models.CharField(_("objet"), max_length=255)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    sent_at = models.DateTimeField(_("reçu le"))
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["agent", "-sent_at"], name="message_inbox_idx")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class UndeliverableMail(models.Model):
    """Mail sent to an academic address that no agent holds: kept for admins to see."""

    recipient = models.EmailField(_("destinataire"), max_length=254)
    sender = models.CharField(_("expéditeur"), max_length=255)
    subject = models.CharField(_("objet"), max_length=255)
    reason = models.CharField(_("motif"), max_length=255)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        verbose_name = _("courriel non distribuable")
        verbose_name_plural = _("courriels non distribuables")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
