"""The verifier's findings: one named failure per broken check, said in French.

Observers read these: each sentence names where (event height, scrutin, tracking
number) and what does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

REASONS: dict[str, str] = {
    # the archive and the board
    "unreadable": "l'archive est illisible",
    "chain": "la chaîne du tableau est rompue",
    "head_mismatch": "la tête du tableau n'est pas celle qui a été publiée",
    "head_missing": "une tête du tableau relevée plus tôt n'y figure plus : il a été réécrit",
    "no_setup": "le tableau ne commence pas par l'événement de mise en place",
    "duplicate_event": "cet événement figure deux fois",
    "event_order": "cet événement n'est pas à sa place dans le tableau",
    "bad_payload": "le contenu de cet événement est mal formé",
    "unknown_scrutin": "ce scrutin n'est pas déclaré dans la mise en place",
    "bad_manifest": "le manifeste du scrutin est invalide",
    "manifest_campaign": "le manifeste ne porte pas sur cette campagne",
    "bad_trustees": "la génération de la clé par les assesseurs ne se vérifie pas",
    "trustees_mismatch": "le manifeste ne reprend pas la clé et les engagements des assesseurs",
    "missing_trustees": "la clé des assesseurs n'est pas sur le tableau",
    "bad_credentials": "la liste des identifiants publics est invalide",
    "credentials_hash": "la liste des identifiants publics ne correspond pas au manifeste",
    "missing_credentials": "la liste des identifiants publics du scrutin manque",
    "too_many_credentials": "il y a plus d'identifiants publics que d'électeurs inscrits",
    "bad_replacement": "le remplacement d'identifiant est invalide",
    # ballots
    "malformed": "le bulletin est mal formé",
    "non_canonical": "le bulletin n'est pas sous sa forme canonique",
    "wrong_version": "la version ou le mode de chiffrement du bulletin est inconnu",
    "wrong_scrutin": "le bulletin ne porte pas sur ce scrutin",
    "wrong_fingerprint": "l'empreinte d'élection du bulletin est fausse",
    "wrong_slot_count": "le bulletin n'a pas autant de cases que le scrutin",
    "unknown_credential": "le bulletin est signé par un identifiant qui n'est pas sur la liste",
    "duplicate_credential": "un second bulletin porte le même identifiant",
    "duplicate_alpha": "un chiffré (α) du bulletin apparaît déjà dans l'urne",
    "bad_point": "le bulletin contient un point invalide",
    "bad_scalar": "le bulletin contient un scalaire invalide",
    "bad_proof": "une preuve du bulletin est fausse",
    "bad_signature": "la signature du bulletin est fausse",
    "after_close": "ce bulletin a été déposé après la clôture",
    # rolls and tallies
    "missing_roll": "la taille de la liste électorale du scrutin manque",
    "emargements_mismatch": "le nombre de bulletins diffère du nombre d'émargements",
    "over_roll": "il y a plus de bulletins que d'électeurs inscrits",
    "missing_close": "la clôture du vote n'est pas sur le tableau",
    "missing_tally": "l'urne chiffrée du scrutin n'est pas sur le tableau",
    "tally_count": "l'urne chiffrée annonce un autre nombre de bulletins",
    "tally_mismatch": "l'urne chiffrée n'est pas le produit des bulletins",
    # decryption and results
    "bad_partial": "un déchiffrement partiel ne se vérifie pas",
    "duplicate_index": "un assesseur a publié deux déchiffrements partiels",
    "too_few": "il y a moins de déchiffrements partiels valides que le seuil",
    "count_out_of_range": "le décompte déchiffré n'est pas un nombre de voix possible",
    "missing_result": "le résultat du scrutin n'est pas sur le tableau",
    "bad_result": "le résultat publié est mal formé",
    "counts_mismatch": "les voix publiées diffèrent du déchiffrement",
    "sum_mismatch": "la somme des voix diffère du nombre de bulletins",
    "seats_mismatch": "les sièges publiés ne suivent pas la règle de répartition",
}


@dataclass(frozen=True)
class Failure:
    """One broken check: where (height, scrutin, tracking number) and why (reason code)."""

    reason: str
    height: int | None = None
    scrutin: str | None = None
    tracking: str | None = None
    detail: str = ""

    def sentence(self) -> str:
        """The failure in one French sentence."""
        where = []
        if self.height is not None:
            where.append(f"événement {self.height}")
        if self.scrutin:
            where.append(f"scrutin {self.scrutin}")
        if self.tracking:
            where.append(f"bulletin {self.tracking}")
        text = REASONS.get(self.reason, self.reason)
        place = ", ".join(where)
        prefix = f"{place[:1].upper()}{place[1:]} : " if where else ""
        suffix = f" ({self.detail})" if self.detail else ""
        return f"{prefix}{text}{suffix}."
