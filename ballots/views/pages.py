"""The portal's home page (every current campaign's calendar) and the elector space's home
(/electeur/)."""

from django.conf import settings
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from accounts.forms import LoginForm
from ballots.selectors import internet_scrutins_by_campaign, public_calendars
from ballots.selectors_dashboard import elector_dashboard


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendars"] = public_calendars(at=timezone.now())
        return context


class BoxIndexView(TemplateView):
    """/urne/: the ballot boxes of the current campaigns, one link per internet scrutin."""

    template_name = "ballots/results/box_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = internet_scrutins_by_campaign(at=timezone.now())
        return context


class FaqView(HomeView):
    """The FAQ: its dates are the current campaigns' (none written in the page)."""

    template_name = "pages/faq.html"


@method_decorator(never_cache, name="dispatch")
class ElectorHomeView(TemplateView):
    """/electeur/: the "Accès à votre espace électeur" page, or the home once logged in."""

    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["ballots/elector_home.html"]
        return ["accounts/access.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.is_authenticated:
            context["form"] = LoginForm(self.request)
        else:
            context["session_minutes"] = settings.SESSION_COOKIE_AGE // 60
            context["dashboard"] = elector_dashboard(user=self.request.user, at=timezone.now())
        return context
