from django.urls import path

from .views import auth, captcha, signup

app_name = "accounts"

urlpatterns = [
    path("creer-compte/", signup.SignupView.as_view(), name="signup"),
    path("creer-compte/demande-enregistree/", signup.SignupDoneView.as_view(), name="signup_done"),
    path("confirmer/<str:token>/", signup.ConfirmView.as_view(), name="confirm"),
    path("nouveau-lien/", signup.ResendConfirmationView.as_view(), name="resend_confirmation"),
    path(
        "nouveau-lien/demande-enregistree/",
        signup.ResendConfirmationDoneView.as_view(),
        name="resend_confirmation_done",
    ),
    path("code-securite/<str:key>/audio/", captcha.captcha_audio, name="captcha_audio"),
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("deconnexion/", auth.LogoutView.as_view(), name="logout"),
    path("mot-de-passe-oublie/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe-oublie/demande-enregistree/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reinitialiser/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reinitialiser/termine/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("mot-de-passe/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "mot-de-passe/modifie/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
]
