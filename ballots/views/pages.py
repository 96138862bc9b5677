"""The portal's home page: the public calendar of the current campaign."""

from django.utils import timezone
from django.views.generic import TemplateView

from ballots.selectors import public_calendar


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar"] = public_calendar(at=timezone.now())
        return context
