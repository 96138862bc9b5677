from django.urls import path

from .views import booth, elector, files, notice, pages, profile, results, voting

app_name = "ballots"

urlpatterns = [
    # The vote, the count and the results (ballots/views/voting.py, results.py).
    path("electeur/scrutins/<slug:code>/voter/", voting.VoteView.as_view(), name="vote"),
    path("electeur/isoloir/", booth.BoothView.as_view(), name="booth"),
    path("audit/", booth.AuditView.as_view(), name="audit"),
    path("resultats/", results.ResultsView.as_view(), name="results"),
    path("resultats/<slug:code>/", results.ResultView.as_view(), name="result"),
    path(
        "resultats/<slug:code>/proces-verbal/",
        results.ProcesVerbalView.as_view(),
        name="proces_verbal",
    ),
    path("urne/", pages.BoxIndexView.as_view(), name="boxes"),
    path("urne/<slug:code>/", results.BoxView.as_view(), name="box"),
    path("urne/<slug:code>/tableau.json", results.BoxDownloadView.as_view(), name="box_download"),
    path("participation/", results.TurnoutView.as_view(), name="turnout"),
    # The elector space (mounted at "", so the paths carry their /electeur/ prefix).
    path("electeur/", pages.ElectorHomeView.as_view(), name="elector_home"),
    path("electeur/profil/", profile.ProfileView.as_view(), name="profile"),
    path("electeur/notice-de-vote/", notice.NoticeView.as_view(), name="notice"),
    path(
        "electeur/profil/mise-a-jour/", profile.ProfileUpdateView.as_view(), name="profile_update"
    ),
    path("electeur/scrutins/", elector.MyScrutinsView.as_view(), name="my_scrutins"),
    path("electeur/scrutins/<slug:code>/", elector.ScrutinView.as_view(), name="scrutin"),
    path(
        "electeur/scrutins/<slug:code>/liste-electorale/", elector.RollView.as_view(), name="roll"
    ),
    path(
        "electeur/scrutins/<slug:code>/listes/<int:position>/profession-de-foi/",
        files.profession_de_foi,
        name="profession_de_foi",
    ),
    path("electeur/scrutins/<slug:code>/listes/<int:position>/logo/", files.logo, name="logo"),
]
