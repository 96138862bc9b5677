"""Every kind of audit event, in one enumeration (values in snake_case, stored as is)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What an AuditEvent records. Add a member here before a service records it."""

    # Elector accounts (accounts)
    ACCOUNT_CREATED = "account_created", _("compte créé")
    ACCOUNT_CONFIRMED = "account_confirmed", _("compte confirmé")
    ACCOUNT_CONFIRMATION_REFUSED = "account_confirmation_refused", _("confirmation refusée")
    ACCOUNT_CONFIRMATION_WRONG_PASSWORD = (
        "account_confirmation_wrong_password",
        _("confirmation avec un mauvais mot de passe"),
    )
    ACCOUNT_SIGNUP_REPEATED = "account_signup_repeated", _("inscription répétée")
    SIGNUP_EXISTING_ACCOUNT = "signup_existing_account", _("inscription d'un compte existant")
    SIGNUP_UNKNOWN_ADDRESS = "signup_unknown_address", _("inscription d'une adresse inconnue")
    CONFIRMATION_RESENT = "confirmation_resent", _("lien de confirmation renvoyé")
    CONFIRMATION_RESEND_IGNORED = "confirmation_resend_ignored", _("renvoi du lien ignoré")
    LOGIN_SUCCEEDED = "login_succeeded", _("connexion réussie")
    LOGIN_FAILED = "login_failed", _("connexion refusée")
    LOGIN_LOCKED_OUT = "login_locked_out", _("connexion bloquée")
    LOGOUT = "logout", _("déconnexion")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("réinitialisation demandée")
    PASSWORD_RESET_DONE = "password_reset_done", _("mot de passe réinitialisé")
    PASSWORD_CHANGED = "password_changed", _("mot de passe changé")
    # Academic directory and webmail (webmail_auth)
    AGENT_CREATED = "agent_created", _("agent créé")
    AGENTS_IMPORTED = "agents_imported", _("annuaire importé")
    WEBMAIL_LOGIN = "webmail_login", _("connexion au webmail")
    # Campaign (ballots)
    CAMPAIGN_CREATED = "campaign_created", _("campagne créée")
    CAMPAIGN_CHANGED = "campaign_changed", _("campagne modifiée")
    CAMPAIGN_SCRUTINS_IMPORTED = "campaign_scrutins_imported", _("scrutins importés")
    CAMPAIGN_ROLL_IMPORTED = "campaign_roll_imported", _("listes électorales importées")
    CAMPAIGN_CANDIDACIES_IMPORTED = "campaign_candidacies_imported", _("candidatures importées")
    CAMPAIGN_LIST_DOCUMENTS_ATTACHED = (
        "campaign_list_documents_attached",
        _("documents d'une liste joints"),
    )
    CAMPAIGN_OPENING_MAILS_QUEUED = "campaign_opening_mails_queued", _("mails d'ouverture prévus")
    CAMPAIGN_OPENING_MAILS_SENT = "campaign_opening_mails_sent", _("mails d'ouverture envoyés")
    CAMPAIGN_SEALED = "campaign_sealed", _("campagne scellée")
    PROFILE_REQUEST_CREATED = "profile_request_created", _("demande de mise à jour créée")
    PROFILE_REQUEST_REVIEWED = "profile_request_reviewed", _("demande de mise à jour examinée")
    # Vote and results (ballots)
    KEYS_GENERATED = "keys_generated", _("clés générées")
    CREDENTIALS_IMPORTED = "credentials_imported", _("identifiants publics importés")
    TRUSTEES_DEFINED = "trustees_defined", _("cérémonie des clés définie")
    TRUSTEES_MESSAGE = "trustees_message", _("message d'un scrutateur reçu")
    TRUSTEES_KEY_READY = "trustees_key_ready", _("clé de l'élection prête")
    VOTE_CODE_REFUSED = "vote_code_refused", _("code de vote refusé")
    BOARD_CLOSED = "board_closed", _("tableau public clos")
    NOTICE_REPLACEMENT_REQUESTED = "notice_replacement_requested", _("notice de vote redemandée")
    NOTICE_REPLACEMENT_REVIEWED = "notice_replacement_reviewed", _("remplacement de notice examiné")
    NOTICE_REPLACEMENT_REFUSED = "notice_replacement_refused", _("remplacement de notice refusé")
    CREDENTIALS_REPLACED = "credentials_replaced", _("identifiants de vote remplacés")
    VOTE_CAST = "vote_cast", _("vote enregistré")
    BALLOT_AUDITED = "ballot_audited", _("bulletin audité (jamais déposé)")
    VOTING_EXTENDED = "voting_extended", _("vote prolongé")
    RESULTS_TALLIED = "results_tallied", _("résultats dépouillés")
    RESULTS_PAPER_IMPORTED = "results_paper_imported", _("résultats papier importés")
    RESULTS_EXPORTED = "results_exported", _("résultats exportés")
    # Changes made in the Django admin (core.admin_audit)
    ADMIN_ADDED = "admin_added", _("ajout dans l'administration")
    ADMIN_CHANGED = "admin_changed", _("modification dans l'administration")
    ADMIN_DELETED = "admin_deleted", _("suppression dans l'administration")
    TURNOUT_EXPORTED = "turnout_exported", _("participation exportée")
