from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"

# Placeholder routes of the foundation; the accounts issue fills them in.
urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/coming.html"), name="home"),
    path("connexion/", TemplateView.as_view(template_name="pages/coming.html"), name="login"),
    path("deconnexion/", TemplateView.as_view(template_name="pages/coming.html"), name="logout"),
]
