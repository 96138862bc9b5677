from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView, TemplateView

from accounts.views.language import set_language
from ballots.views.pages import FaqView, HomeView
from core.views import healthz
from webmail_auth.views import AssistanceView

admin.site.site_header = _("Élections professionnelles — administration")
admin.site.site_title = _("Élections professionnelles")
admin.site.index_title = _("Administration du portail")

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("faq/", FaqView.as_view(), name="faq"),
    path("assistance/", AssistanceView.as_view(), name="assistance"),
    path(
        "accessibilite/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says: send them to the DSFR's.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("dsfr/favicon/favicon.ico"), permanent=True),
    ),
    # The language menu; a logged-in elector's choice also goes on the account (their mails).
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
    path("webmail/", include("webmail_auth.urls")),
    path("electeur/", include("accounts.urls")),
    path("", include("ballots.urls")),
    # The admin pages of the audit trail and of profile requests before they changed app.
    re_path(
        r"^admin/accounts/auditevent/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/core/auditevent/%(rest)s", query_string=True),
    ),
    re_path(
        r"^admin/accounts/profileupdaterequest/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/ballots/profileupdaterequest/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
]
