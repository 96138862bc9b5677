# The profile requests' table takes ballots' name and its content type follows
# (permissions and admin history kept).

from django.db import migrations


def content_type_to(source: str, target: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        model = "profileupdaterequest"
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profile_update_request_to_ballots"),
        ("ballots", "0002_profile_update_request_from_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="profileupdaterequest", table=None),
        migrations.RunPython(
            content_type_to("accounts", "ballots"), content_type_to("ballots", "accounts")
        ),
    ]
