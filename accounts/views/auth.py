"""Login, logout and passwords: Django's views, calling the account services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .. import services
from ..forms import ChangePasswordForm, LoginForm, NewPasswordForm, PasswordResetRequestForm
from ..timing import pad_answer, uniform_duration


class LoginView(auth_views.LoginView):
    """Django's LoginView (sensitive POST parameters, safe `next`); django-axes counts failures."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        services.account_login(user=form.get_user(), request=self.request, at=timezone.now())
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        pad_answer(self.request)  # a refusal takes as long, existing account or not
        username, password = form.data.get("username", ""), form.data.get("password", "")
        if username and password:
            if getattr(self.request, "axes_locked_out", False):
                reason = "locked_out"
            elif form.is_unconfirmed:
                reason = "unconfirmed"
            else:
                reason = "bad_credentials"
            services.login_failed(
                username=username, reason=reason, request=self.request, at=timezone.now()
            )
        return super().form_invalid(form)


class LogoutView(View):
    """POST only: a GET (a link, a prefetch) never logs anyone out."""

    http_method_names = ["post"]

    def post(self, request):
        webmail_open = services.account_logout(request=request, at=timezone.now())
        messages.info(request, _("Vous êtes déconnecté de votre espace électeur."))
        if webmail_open:
            messages.info(
                request,
                _(
                    "Votre messagerie académique reste ouverte : sur un poste partagé, "
                    "déconnectez-vous aussi de la messagerie."
                ),
            )
        return redirect(settings.LOGOUT_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        with uniform_duration():  # the same time whether or not a mail goes out
            services.password_reset_request(
                email=form.cleaned_data["email"], request=self.request, at=timezone.now()
            )
        return HttpResponseRedirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view checks the link (default_token_generator) and hides the token from the URL."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        services.password_reset_complete(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            request=self.request,
            at=timezone.now(),
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.success_url)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        services.password_change(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            request=self.request,
            at=timezone.now(),
        )
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.success_url)


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
