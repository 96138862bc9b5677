"""Creating an account and confirming its address."""

from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import ResendConfirmationForm, SignupForm
from ..timing import uniform_duration
from ..tokens import link_lifetime_days


class LinkLifetimeMixin:
    """Pages that tell how long a confirmation link lives."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "link_days": link_lifetime_days()}


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
class SignupView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignupForm
    success_url = reverse_lazy("accounts:signup_done")

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


class ConfirmView(View):
    """GET activates the account: the link proves the mailbox (the documented GET exception)."""

    def get(self, request, token: str):
        user = services.account_confirm(token=token, request=request, at=timezone.now())
        if user is None:
            context = {"form": ResendConfirmationForm(), "link_days": link_lifetime_days()}
            return render(request, "accounts/confirm_invalid.html", context)
        return render(request, "accounts/confirm_done.html", {"confirmed_email": user.email})


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
