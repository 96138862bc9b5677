# Profile update requests now belong to ballots (ballots.0002 took over the table): state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_auditevent_to_core"),
        ("ballots", "0002_profile_update_request_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProfileUpdateRequest")],
            database_operations=[],
        ),
    ]
