from django.urls import path

from . import views

app_name = "webmail"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("messages/<int:message_id>/", views.MessageView.as_view(), name="message"),
    path("identifiant-perdu/", views.LostView.as_view(), name="lost"),
]
