"""Demo part of elector accounts (the demo people of docs/interface.md)."""

from django.utils import timezone

from webmail_auth.models import Agent

from .models import User

CONFIRMED_DEMO_EMAIL = "valerie.dupont@ac-grenoble.fr"
CONFIRMED_DEMO_PASSWORD = "Electeur2014"  # noqa: S105 - demo only, in the README
DEMO_ACADEMIE = "grenoble"


def seed_accounts() -> list[str]:
    """Valérie Dupont's confirmed account; Vincent Dupont's is left to create. Idempotent.

    Every other elector account of the demo académie (made by walking the journey in an
    earlier run, confirmed or not) is removed: each run of seed_demo starts it afresh."""
    walked = User.objects.filter(agent__academie__code=DEMO_ACADEMIE, is_staff=False)
    walked.exclude(email=CONFIRMED_DEMO_EMAIL).delete()
    agent = Agent.objects.filter(email=CONFIRMED_DEMO_EMAIL).first()
    if agent is None:
        return [
            f"Compte électeur de démonstration non créé : l'agent {CONFIRMED_DEMO_EMAIL} "
            "est absent de l'annuaire."
        ]
    user = User.objects.with_email(CONFIRMED_DEMO_EMAIL).first() or User(email=CONFIRMED_DEMO_EMAIL)
    user.agent = agent
    user.first_name, user.last_name = agent.first_name, agent.surname
    user.is_active = True
    user.confirmed_at = user.confirmed_at or timezone.now()
    user.set_password(CONFIRMED_DEMO_PASSWORD)
    user.save()
    return [
        f"Espace électeur : {CONFIRMED_DEMO_EMAIL} / {CONFIRMED_DEMO_PASSWORD} (compte confirmé) ; "
        "Vincent Dupont (vincent.dupont@ac-grenoble.fr) n'a pas encore de compte : à créer "
        "sur /electeur/creer-compte/."
    ]
