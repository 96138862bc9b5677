from django.urls import path
from django.views.generic import TemplateView

app_name = "ballots"

# Placeholder routes of the foundation; the elector-space and voting issues fill them in.
urlpatterns = [
    path("resultats/", TemplateView.as_view(template_name="pages/coming.html"), name="results"),
]
