"""The server's side of the trustees' key generation: it only relays and checks messages.

The ceremony has three rounds (verifier.trustees). The server exports what the
trustees need for their next step (`ceremony_export`), takes each trustee's message
back (`trustee_message_import`), and when every round-3 message is in, checks the
whole transcript and keeps the joint public key and the transcript (the seal puts
it on the board as the `trustees` event).
No function here sees a secret: the trustees' secrets stay in their own files.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from ballots.models import Campaign, ElectionKey, Trustee
from ballots.protocol import CeremonyFailed, canonical_json, combine_public_key
from ballots.services.campaign import ensure_campaign_editable
from core.audit import EventKind, record

CEREMONY_FORMAT = "electionspro-ceremony/1"
MESSAGE_FORMAT = "electionspro-trustee-message/1"
HEX32 = re.compile(r"[0-9a-f]{64}")
ROUNDS = {"round1": 1, "round2": 2, "round3": 3, "complaint": 3}


class TrusteesError(Exception):
    """A refusal with a French sentence for the operator."""


def ceremony_define(
    *, campaign: Campaign, trustees: int, threshold: int, at: datetime, actor=None
) -> ElectionKey:
    """Fix N and K before round 1 (again only while no trustee has sent anything)."""
    ensure_campaign_editable(campaign)
    if not 1 <= threshold <= trustees or trustees > 20:
        raise TrusteesError(
            _("Il faut 1 ≤ seuil ≤ scrutateurs ≤ 20 (reçu %(k)s sur %(n)s).")
            % {"k": threshold, "n": trustees}
        )
    if threshold < 2 and trustees > 1:
        raise TrusteesError(
            _("Le seuil doit être d'au moins 2 : un seul scrutateur ne doit jamais pouvoir "
              "déchiffrer.")
        )  # fmt: skip
    key = ElectionKey.objects.filter(campaign=campaign).first()
    if key is not None:
        if (key.trustees, key.threshold) == (trustees, threshold):
            return key
        if key.trustee_set.exists():
            raise TrusteesError(
                _("La cérémonie des clés a commencé (%(k)s sur %(n)s) : elle ne change plus.")
                % {"k": key.threshold, "n": key.trustees}
            )
        key.delete()
    key = ElectionKey.objects.create(
        campaign=campaign, trustees=trustees, threshold=threshold, created_at=at
    )
    record(
        EventKind.TRUSTEES_DEFINED,
        actor=actor,
        subject=campaign.slug,
        at=at,
        n=trustees,
        k=threshold,
    )
    return key


def _key(campaign: Campaign) -> ElectionKey:
    key = ElectionKey.objects.filter(campaign=campaign).first()
    if key is None:
        raise TrusteesError(
            _("Aucune cérémonie des clés pour %(slug)s : indiquez --trustees et --threshold.")
            % {"slug": campaign.slug}
        )
    return key


def ceremony_export(campaign: Campaign) -> dict:
    """What every trustee needs for their next step: N, K and the messages so far."""
    key = _key(campaign)
    trustees = list(key.trustee_set.order_by("index"))
    return {
        "format": CEREMONY_FORMAT,
        "campaign": campaign.slug,
        "n": key.trustees,
        "k": key.threshold,
        "names": {str(t.index): t.name for t in trustees},
        "round1": [t.round1 for t in trustees if t.round1],
        "round2": [t.round2 for t in trustees if t.round2],
        "round3": [t.round3 for t in trustees if t.round3],
        "public_key": key.public_key,
    }


def _envelope(document: object, campaign: Campaign) -> tuple[str, dict]:
    if not isinstance(document, dict) or document.get("format") != MESSAGE_FORMAT:
        raise TrusteesError(_("Ce fichier n'est pas un message de scrutateur electionspro."))
    if document.get("campaign") != campaign.slug:
        raise TrusteesError(
            _("Ce message concerne la campagne %(other)s, pas %(slug)s.")
            % {"other": document.get("campaign"), "slug": campaign.slug}
        )
    message, name = document.get("message"), str(document.get("name", ""))[:100]
    if not isinstance(message, dict) or message.get("type") not in ROUNDS:
        raise TrusteesError(_("Ce message de scrutateur est incomplet."))
    return name, message


@transaction.atomic
def trustee_message_import(
    *, campaign: Campaign, document: object, at: datetime, actor=None
) -> str:
    """Store one trustee's message; after the last round-3 message, finish the ceremony.

    Returns a French sentence saying where the ceremony stands.
    """
    ensure_campaign_editable(campaign)
    key = ElectionKey.objects.select_for_update().get(pk=_key(campaign).pk)
    name, message = _envelope(document, campaign)
    index, kind = message.get("index"), message["type"]
    if not isinstance(index, int) or not 1 <= index <= key.trustees:
        raise TrusteesError(_("Numéro de scrutateur invalide (1 à %(n)s).") % {"n": key.trustees})
    if kind == "complaint":
        raise TrusteesError(
            _(
                "Le scrutateur %(i)s accuse le(s) scrutateur(s) %(accused)s : la cérémonie "
                "doit être recommencée sans eux."
            )
            % {"i": index, "accused": message.get("accused")}
        )
    step = ROUNDS[kind]
    trustee = Trustee.objects.filter(election_key=key, index=index).first()
    if step == 1:
        encryption_key = message.get("encryption_key")
        if not isinstance(encryption_key, str) or not HEX32.fullmatch(encryption_key):
            raise TrusteesError(
                _("La clé de chiffrement du scrutateur %(i)s est invalide.") % {"i": index}
            )
        if trustee is not None and trustee.round1 != message:
            raise TrusteesError(
                _("Le scrutateur %(i)s a déjà envoyé un autre message d'étape 1.") % {"i": index}
            )
        if trustee is None:
            Trustee.objects.create(
                election_key=key,
                index=index,
                name=name or f"scrutateur {index}",
                encryption_key=encryption_key,
                round1=message,
            )
    else:
        field = f"round{step}"
        previous = "round1" if step == 2 else "round2"
        trustees = list(key.trustee_set.all())
        if trustee is None or len([t for t in trustees if getattr(t, previous)]) < key.trustees:
            raise TrusteesError(
                _("L'étape %(s)s attend que les %(n)s scrutateurs aient terminé l'étape %(p)s.")
                % {"s": step, "n": key.trustees, "p": step - 1}
            )
        current = getattr(trustee, field)
        if current is not None and current != message:
            raise TrusteesError(
                _("Le scrutateur %(i)s a déjà envoyé un autre message d'étape %(s)s.")
                % {"i": index, "s": step}
            )
        setattr(trustee, field, message)
        if step == 3:
            trustee.verification_key = str(message.get("verification_key", ""))[:64]
        trustee.save()
    record(
        EventKind.TRUSTEES_MESSAGE,
        actor=actor,
        subject=campaign.slug,
        at=at,
        index=index,
        step=step,
    )
    return _finish_if_complete(key, campaign=campaign, at=at, actor=actor)


def _finish_if_complete(key: ElectionKey, *, campaign: Campaign, at, actor) -> str:
    trustees = list(key.trustee_set.order_by("index"))
    for step in (1, 2, 3):
        done = [t for t in trustees if getattr(t, f"round{step}")]
        if len(done) < key.trustees:
            return _("Étape %(s)s : %(d)s message(s) sur %(n)s reçus.") % {
                "s": step,
                "d": len(done),
                "n": key.trustees,
            }
    if key.ready:
        return _("La clé de l'élection est déjà prête.")
    try:
        payload = combine_public_key(
            n=key.trustees,
            k=key.threshold,
            round1=[t.round1 for t in trustees],
            round2=[t.round2 for t in trustees],
            round3=[t.round3 for t in trustees],
            campaign=campaign.slug,
        )
    except CeremonyFailed as error:
        raise TrusteesError(
            _("La cérémonie échoue (%(reason)s) : recommencez-la sans les scrutateurs %(who)s.")
            % {"reason": error.reason, "who": error.accused}
        ) from None
    ElectionKey.objects.filter(pk=key.pk).update(
        public_key=payload["public_key"], transcript=payload
    )
    record(
        EventKind.TRUSTEES_KEY_READY,
        actor=actor,
        subject=campaign.slug,
        at=at,
        public_key=payload["public_key"],
    )
    return _("Clé de l'élection prête : %(key)s") % {"key": payload["public_key"]}


def trustees_material(key: ElectionKey) -> tuple[list[str], list[list[str]]]:
    """The manifest's verification keys and commitments, by trustee index (transcript)."""
    entries = key.transcript["trustees"]
    return (
        [entry["verification_key"] for entry in entries],
        [list(entry["commitments"]) for entry in entries],
    )


def ceremony_bytes(document: dict) -> bytes:
    return canonical_json(document)
