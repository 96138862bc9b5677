# Profile update requests move from accounts to ballots (the feature now lives wholly
# there): same table, same rows; this step only changes Django's state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_auditevent_to_core"),
        ("ballots", "0001_initial"),
        ("webmail_auth", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProfileUpdateRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("topic", models.CharField(choices=[("nom", "Nom ou prénom"), ("corps", "Corps"), ("affectation", "Affectation"), ("academie", "Académie"), ("adresse", "Adresse professionnelle"), ("scrutins", "Scrutins auxquels je suis appelé(e) à voter"), ("autre", "Autre")], max_length=20, verbose_name="rubrique")),
                        ("current_value", models.TextField(max_length=1000, verbose_name="ce qui est inexact")),
                        ("requested_value", models.TextField(max_length=1000, verbose_name="ce qui devrait figurer")),
                        ("status", models.CharField(choices=[("en_attente", "en attente d'examen"), ("acceptee", "acceptée"), ("refusee", "refusée")], default="en_attente", max_length=12, verbose_name="état")),
                        ("created_at", models.DateTimeField(verbose_name="demandée le")),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True, verbose_name="examinée le")),
                        ("review_reason", models.TextField(blank=True, max_length=1000, verbose_name="motif de la décision")),
                        ("agent", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="profile_requests", to="webmail_auth.agent", verbose_name="agent")),
                        ("reviewed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="examinée par")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="profile_requests", to=settings.AUTH_USER_MODEL, verbose_name="compte")),
                    ],
                    options={
                        "verbose_name": "demande de mise à jour du profil",
                        "verbose_name_plural": "demandes de mise à jour du profil",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "accounts_profileupdaterequest",
                        "indexes": [models.Index(fields=["status", "created_at"], name="profile_request_queue_idx")],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status", "en_attente"), models.Q(("reviewed_at__isnull", False), models.Q(("review_reason", ""), _negated=True)), _connector="OR"),
                                name="profile_request_reviewed_with_reason",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
