"""/electeur/notice-de-vote/: what the paper notice is, and asking for a new one."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ballots.forms_notice import NoticeReplacementForm
from ballots.models import NoticeReplacement
from ballots.selectors_dashboard import elector_dashboard
from ballots.services.notice_replacements import (
    NoticeReplacementRefused,
    notice_replacement_request,
    replacement_campaigns,
)
from ballots.views.access import ElectorRequiredMixin


class NoticeView(ElectorRequiredMixin, FormView):
    template_name = "ballots/notice.html"
    form_class = NoticeReplacementForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["campaigns"] = replacement_campaigns(
            agent_id=self.request.user.agent_id, at=timezone.now()
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            requests=NoticeReplacement.objects.filter(agent_id=user.agent_id).select_related(
                "campaign"
            ),
            can_ask=bool(context["form"].campaigns),
            calendars=elector_dashboard(user=user, at=timezone.now()).campaigns,
        )
        return context

    def form_valid(self, form):
        campaign = form.cleaned_data["campaign"]
        if campaign is None:
            form.add_error(None, _("Aucune notice de vote ne peut être remplacée pour le moment."))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        try:
            notice_replacement_request(
                agent=self.request.user.agent,
                campaign=campaign,
                reason=form.cleaned_data["reason"],
                delivery=form.cleaned_data["delivery"],
                by=self.request.user,
                at=timezone.now(),
                request=self.request,
            )
        except NoticeReplacementRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        messages.success(
            self.request,
            _(
                "Votre demande est enregistrée. Une fois acceptée par l'académie, la nouvelle "
                "notice vous est remise sur papier ; l'ancien code cessera alors de fonctionner."
            ),
        )
        return redirect("ballots:notice")
