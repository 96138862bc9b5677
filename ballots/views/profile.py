"""/electeur/profil/ and /electeur/profil/mise-a-jour/: my profile and my correction requests."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from ballots.forms_profile import ProfileUpdateRequestForm
from ballots.selectors import my_scrutins
from ballots.services.profile_requests import (
    ProfileRequestError,
    ProfileUpdatesClosed,
    profile_request_create,
    profile_updates_closed_message,
)
from ballots.views.access import ElectorRequiredMixin


class ProfileView(ElectorRequiredMixin, TemplateView):
    template_name = "ballots/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, now = self.request.user, timezone.now()
        context.update(
            agent=user.agent,
            cards=my_scrutins(agent=user.agent_id, at=now),
            requests=user.profile_requests.all(),
            closed_message=profile_updates_closed_message(at=now),
        )
        return context


class ProfileUpdateView(ElectorRequiredMixin, FormView):
    """A correction request, accepted until the deadline and refused after it with the date."""

    template_name = "ballots/profile_update.html"
    form_class = ProfileUpdateRequestForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agent=self.request.user.agent,
            closed_message=profile_updates_closed_message(at=timezone.now()),
        )
        return context

    def form_valid(self, form):
        try:
            profile_request_create(
                user=self.request.user,
                topic=form.cleaned_data["topic"],
                current_value=form.cleaned_data["current_value"],
                requested_value=form.cleaned_data["requested_value"],
                at=timezone.now(),
                request=self.request,
            )
        except (ProfileUpdatesClosed, ProfileRequestError) as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        messages.success(
            self.request,
            _(
                "Votre demande est enregistrée. Vous recevrez la décision dans votre messagerie "
                "académique ; son état est affiché sur cette page."
            ),
        )
        return redirect("ballots:profile")
