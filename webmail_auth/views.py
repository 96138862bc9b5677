"""The academic webmail: login, inbox, one message, logout, lost identifier help."""

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView, TemplateView

from . import selectors
from .forms import WebmailLoginForm
from .rendering import message_text
from .services import message_mark_read
from .session import get_webmail_agent, webmail_login, webmail_login_required, webmail_logout

INBOX_PAGE_SIZE = 20


@method_decorator([sensitive_post_parameters("password"), csrf_protect, never_cache], "dispatch")
class LoginView(FormView):
    template_name = "webmail_auth/login.html"
    form_class = WebmailLoginForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_success_url(self) -> str:
        target = self.request.POST.get(REDIRECT_FIELD_NAME) or self.request.GET.get(
            REDIRECT_FIELD_NAME, ""
        )
        allowed = url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if target and allowed else reverse("webmail:inbox")

    def form_valid(self, form):
        webmail_login(self.request, form.agent)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.request.POST.get(REDIRECT_FIELD_NAME) or self.request.GET.get(
            REDIRECT_FIELD_NAME, ""
        )
        context["webmail_agent"] = get_webmail_agent(self.request)
        return context


class LogoutView(View):
    http_method_names = ["post"]

    def post(self, request):
        webmail_logout(request)
        messages.success(request, _("Vous êtes déconnecté de la messagerie académique."))
        return redirect("webmail:login")


@method_decorator([webmail_login_required, never_cache], "dispatch")
class InboxView(ListView):
    template_name = "webmail_auth/inbox.html"
    context_object_name = "mail_list"
    paginate_by = INBOX_PAGE_SIZE

    def get_queryset(self):
        return selectors.inbox(get_webmail_agent(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agent = get_webmail_agent(self.request)
        context["agent"] = agent
        context["unread_count"] = selectors.unread_count(agent)
        return context


@method_decorator([webmail_login_required, never_cache], "dispatch")
class MessageView(TemplateView):
    template_name = "webmail_auth/message.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agent = get_webmail_agent(self.request)
        # Someone else's message is a 404, exactly like one that does not exist.
        message = get_object_or_404(selectors.inbox(agent), pk=kwargs["message_id"])
        message_mark_read(message=message, at=timezone.now())
        context.update(agent=agent, mail=message, text=message_text(message))
        return context


class LostView(TemplateView):
    template_name = "webmail_auth/lost.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "academies": selectors.academies_with_assistance(),
        }


class AssistanceView(TemplateView):
    """The assistance page: the portal's contacts and each academy's assistance."""

    template_name = "pages/assistance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["academies"] = selectors.academies_with_assistance()
        return context
