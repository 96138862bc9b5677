from django.contrib import admin
from django.urls import include, path

from . import views

handler403 = "electionspro.views.permission_denied"
handler404 = "electionspro.views.page_not_found"
handler500 = "electionspro.views.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("faq/", views.FaqView.as_view(), name="faq"),
    path("assistance/", views.AssistanceView.as_view(), name="assistance"),
    path("accessibilite/", views.AccessibilityView.as_view(), name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
    path("webmail/", include("webmail_auth.urls")),
    path("electeur/", include("accounts.urls")),
    path("", include("ballots.urls")),
    path("admin/", admin.site.urls),
]
