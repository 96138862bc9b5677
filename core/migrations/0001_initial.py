# The audit trail moves from accounts to core: same table, same rows (state only here).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(db_index=True, max_length=60, verbose_name="événement")),
                        ("at", models.DateTimeField(db_index=True, verbose_name="date")),
                        (
                            "subject",
                            models.CharField(
                                blank=True,
                                help_text="Ce sur quoi porte l'événement (adresse, campagne, scrutin).",
                                max_length=255,
                                verbose_name="objet",
                            ),
                        ),
                        ("client_ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="adresse IP")),
                        ("details", models.JSONField(blank=True, default=dict, verbose_name="détails")),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="auteur",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "événement d'audit",
                        "verbose_name_plural": "journal d'audit",
                        "ordering": ["-at", "-id"],
                        "db_table": "accounts_auditevent",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
