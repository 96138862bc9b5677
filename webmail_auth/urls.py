from django.urls import path
from django.views.generic import TemplateView

app_name = "webmail"

# Placeholder routes of the foundation; the webmail issue fills them in.
urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/coming.html"), name="inbox"),
    path("connexion/", TemplateView.as_view(template_name="pages/coming.html"), name="login"),
]
