"""Creating an account and confirming its address."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import ConfirmAccountForm, ResendConfirmationForm, SignupForm
from ..timing import answer_floor, uniform_duration
from ..tokens import link_lifetime, user_for_confirmation_token


class LinkLifetimeMixin:
    """Pages that tell how long a confirmation link lives."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "lifetime": link_lifetime()}


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
@method_decorator(never_cache, name="dispatch")  # the answer may hold the typed passwords
@method_decorator(answer_floor, name="dispatch")  # the same time, existing account or not
class SignupView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignupForm
    success_url = reverse_lazy("accounts:signup_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        services.account_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            request=self.request,
            at=timezone.now(),
        )
        # The same page for every address: it says what happens if the address is right.
        return redirect(self.success_url)


class SignupDoneView(LinkLifetimeMixin, TemplateView):
    template_name = "accounts/signup_done.html"


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class ConfirmView(View):
    """GET shows the page (it changes nothing); POST with the sign-up password activates
    the account and opens the elector space at once."""

    def get(self, request, token: str):
        user = user_for_confirmation_token(token, at=timezone.now())
        if user is None:
            return self.invalid(request)
        return self.form_page(request, ConfirmAccountForm(), user)

    def post(self, request, token: str):
        form = ConfirmAccountForm(request.POST)
        at = timezone.now()
        if not form.is_valid():
            user = user_for_confirmation_token(token, at=at)
            return self.invalid(request) if user is None else self.form_page(request, form, user)
        outcome, user = services.account_confirm(
            token=token, password=form.cleaned_data["password"], request=request, at=at
        )
        if outcome is services.Confirmation.BAD_LINK:
            return self.invalid(request)
        if outcome is services.Confirmation.WRONG_PASSWORD:
            form.refuse_password()
            return self.form_page(request, form, user)
        services.account_login(user=user, request=request, at=at)
        messages.success(
            request,
            _("Votre compte électeur est activé : vous êtes connecté à votre espace électeur."),
        )
        return redirect(settings.LOGIN_REDIRECT_URL)

    def form_page(self, request, form, user):
        context = {"form": form, "confirm_email": user.email}
        return render(request, "accounts/confirm.html", context)

    def invalid(self, request):
        context = {"form": ResendConfirmationForm(), "lifetime": link_lifetime()}
        return render(request, "accounts/confirm_invalid.html", context)


class ResendConfirmationView(LinkLifetimeMixin, FormView):
    template_name = "accounts/resend.html"
    form_class = ResendConfirmationForm
    success_url = reverse_lazy("accounts:resend_confirmation_done")

    def get_initial(self):
        return {"email": self.request.GET.get("email", "")}

    def form_valid(self, form):
        with uniform_duration():  # the same time whether or not a mail goes out
            services.confirmation_resend(
                email=form.cleaned_data["email"], request=self.request, at=timezone.now()
            )
        return redirect(self.success_url)


class ResendConfirmationDoneView(TemplateView):
    template_name = "accounts/resend_done.html"
