"""The booth's French sentences, handed to its script as JSON (translated with gettext).

`%(name)s` placeholders are filled in by the script.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def booth_messages() -> dict[str, str]:
    return {
        "step_ballot": _("Scrutin %(n)s sur %(total)s : %(title)s"),
        "next": _("Scrutin suivant"),
        "last": _("Vérifier mes choix"),
        "choose": _("Choisissez une liste ou le vote blanc."),
        "blank": _("Vote blanc"),
        "blank_hint": _("Vous votez sans choisir de liste."),
        "pdf": _("Profession de foi de %(acronym)s (PDF)"),
        "code_required": _("Saisissez le code de vote de votre notice papier."),
        "code_length": _(
            "Un code de vote compte 17 caractères (tirets non compris) : vérifiez-le sur "
            "votre notice."
        ),
        "code_character": _(
            "Ce code contient un caractère qui n'existe pas dans les codes de vote : "
            "vérifiez-le sur votre notice."
        ),
        "code_check": _(
            "Ce code de vote est mal saisi (un caractère manque ou ne correspond pas) : "
            "vérifiez-le sur votre notice."
        ),
        "code_not_yours": _(
            "Ce code de vote n'est pas le vôtre pour le scrutin « %(title)s » : vérifiez-le "
            "sur votre notice de vote."
        ),
        "code_ok": _("Code de vote accepté. Il reste sur votre appareil."),
        "manifest_mismatch": _(
            "Le manifeste du scrutin « %(title)s » ne correspond pas à son empreinte : "
            "votez depuis la page de ce scrutin et signalez-le à l'assistance."
        ),
        "your_choice": _("Votre choix"),
        "tracking": _("Numéro de suivi du bulletin préparé"),
        "fingerprint": _("Empreinte de l'élection"),
        "modify": _("Modifier ce choix"),
        "audit": _("Auditer ce bulletin"),
        "cast_one": _("Valider mon vote (définitif)"),
        "cast_many": _("Valider mes %(n)s votes (définitif)"),
        "encrypted": _("Vos bulletins sont chiffrés. Vérifiez vos choix avant de valider."),
        "casting": _("Dépôt du bulletin %(n)s sur %(total)s en cours…"),
        "audited_choice": _("Choix chiffré dans ce bulletin"),
        "audited_tracking": _("Numéro de suivi du bulletin audité"),
        "audited_randomness": _("Aléas du chiffrement (un par case)"),
        "audited_new": _(
            "Bulletin de « %(title)s » dévoilé pour l'audit : il ne sera jamais déposé. Un "
            "nouveau bulletin a été préparé, numéro de suivi %(tracking)s."
        ),
        "receipts_all": _("Vos votes ont été enregistrés"),
        "receipts_some": _("Certains votes n'ont pas été enregistrés"),
        "receipt_ok": _("Vote enregistré, définitif, le %(when)s (heure de Paris)."),
        "receipt_tracking": _("Numéro de suivi de votre bulletin"),
        "receipt_head": _("Empreinte du tableau public après votre bulletin"),
        "receipt_board": _("Voir le tableau public de l'urne"),
        "receipt_refused": _("Vote non enregistré : %(message)s"),
        "network": _(
            "Le portail n'a pas répondu : ce vote n'a pas été enregistré. Vérifiez votre "
            "connexion, puis réessayez ; vos choix sont conservés."
        ),
        "tracking_differs": _(
            "Le numéro de suivi renvoyé par le portail diffère de celui de votre bulletin : "
            "signalez-le à l'assistance."
        ),
        "broken": _(
            "Votre navigateur n'a pas pu charger l'isoloir chiffré : votez depuis la page de "
            "chaque scrutin ci-dessous (le serveur chiffre alors votre bulletin)."
        ),
        "status_kept": _("Vos choix sont conservés."),
    }
