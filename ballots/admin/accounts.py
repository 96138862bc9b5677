"""Elector accounts in the admin once a campaign is sealed.

While a sealed campaign is current and its rolls list the account's agent, the admin may
no longer re-link the account to another agent, change its address or set its password:
those would let someone else vote in the elector's name. The elector's own reset flow
stays. The accounts app knows nothing of campaigns, so the rule is added here, over its
admin.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.admin import UserAdmin
from accounts.models import User
from ballots.models import Campaign
from ballots.selectors_voting import sealed_campaign_listing

LOCKED_FIELDS = ["agent", "email"]


def _locked_message(campaign: Campaign) -> str:
    return _(
        "La campagne %(slug)s est scellée et ses listes électorales comptent cet agent : "
        "le compte ne peut plus être rattaché à un autre agent, ni changer d'adresse ou de "
        "mot de passe depuis l'administration (l'électeur garde la réinitialisation par "
        "courriel)."
    ) % {"slug": campaign.slug}


class SealedAccountAdmin(UserAdmin):
    def _lock(self, user: User | None) -> Campaign | None:
        if user is None or user.agent_id is None:
            return None
        return sealed_campaign_listing(agent_id=user.agent_id, at=timezone.now())

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._lock(obj) is not None:
            fields += [name for name in LOCKED_FIELDS if name not in fields]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Linking an account to an agent on a sealed roll is refused too."""
        form = super().get_form(request, obj, change=change, **kwargs)
        previous = obj.agent_id if obj is not None else None

        class SealedAgentForm(form):
            def clean(self):
                cleaned_data = super().clean()
                agent = (cleaned_data or {}).get("agent")
                if agent is not None and agent.pk != previous:
                    campaign = sealed_campaign_listing(agent_id=agent.pk, at=timezone.now())
                    if campaign is not None:
                        raise ValidationError(_locked_message(campaign))
                return cleaned_data

        return SealedAgentForm

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        campaign = self._lock(user)
        if campaign is not None:
            messages.error(request, _locked_message(campaign))
            return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)


admin.site.unregister(User)
admin.site.register(User, SealedAccountAdmin)
