from django.conf import settings
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from ballots.selectors import elector_dashboard

from ..forms import LoginForm


@method_decorator(never_cache, name="dispatch")
class HomeView(TemplateView):
    """/electeur/: the "Accès à votre espace électeur" page, or the home once logged in."""

    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["accounts/home.html"]
        return ["accounts/access.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.is_authenticated:
            context["form"] = LoginForm(self.request)
        else:
            context["session_minutes"] = settings.SESSION_COOKIE_AGE // 60
            # The content of the home belongs to the elector space (ballots).
            context["dashboard"] = elector_dashboard(user=self.request.user, at=timezone.now())
        return context
