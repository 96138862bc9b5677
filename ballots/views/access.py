"""Who may enter the elector space: a logged-in, confirmed account linked to an agent."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext as _

from ballots.selectors import ScrutinAmbiguous


class ElectorRequiredMixin(LoginRequiredMixin):
    """Anonymous visitors go to the login page; accounts without an agent get a clear page.

    An administrator's account has no agent: it is not an elector and has no scrutins.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if user.agent_id is None:
            reason = _(
                "Ce compte n'est rattaché à aucun agent de l'annuaire académique : ce n'est pas "
                "un compte électeur. Les administrateurs consultent les scrutins dans "
                "l'administration."
            )
            return render(request, "ballots/elector_only.html", {"reason": reason}, status=403)
        if not user.is_confirmed:
            reason = _(
                "Votre adresse n'est pas encore confirmée : ouvrez le lien reçu dans votre "
                "messagerie académique pour activer votre compte."
            )
            return render(request, "ballots/elector_only.html", {"reason": reason}, status=403)
        return super().dispatch(request, *args, **kwargs)


def choose_campaign(request, error: ScrutinAmbiguous):
    """The page for a scrutin code shared by several current campaigns: one link each."""
    return render(request, "ballots/choose_campaign.html", {"scrutins": error.scrutins}, status=300)
