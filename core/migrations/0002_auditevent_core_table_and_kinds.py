# The audit table takes core's name, its content type follows (permissions and admin
# history kept), and the kinds written as `campaign.created` take the one snake_case
# style of core.events.EventKind (`campaign_created`).

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def content_type_to_core(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="auditevent").exists():
        ContentType.objects.filter(app_label="accounts", model="auditevent").update(
            app_label="core"
        )


def content_type_to_accounts(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accounts", model="auditevent").exists():
        ContentType.objects.filter(app_label="core", model="auditevent").update(
            app_label="accounts"
        )


def kinds_in_snake_case(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditEvent.objects.filter(kind__contains=".").update(
        kind=Replace("kind", Value("."), Value("_"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_auditevent_to_core"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditevent", table=None),
        migrations.RunPython(content_type_to_core, content_type_to_accounts),
        migrations.RunPython(kinds_in_snake_case, migrations.RunPython.noop),
    ]
