"""The demo data (described in docs/interface.md), rebuilt by `seed_demo`.

Each app contributes one `seed_*` step here; the command runs them in order.
"""

from django.contrib.auth import get_user_model

from accounts.demo import seed_accounts
from ballots.demo import seed_campaign, seed_keys_and_seal, seed_past
from webmail_auth.demo import seed_directory

DEMO_ADMIN_EMAIL = "admin@electionspro.demo"
DEMO_ADMIN_PASSWORD = "Admin-demo-2014"  # noqa: S105 - demo only, printed by seed_demo


def seed_admin() -> list[str]:
    User = get_user_model()
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        User.objects.create_superuser(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    else:
        admin.set_password(DEMO_ADMIN_PASSWORD)
        admin.is_staff = admin.is_superuser = admin.is_active = True
        admin.save()
    return []


def seed_demo(*, calendar: str, stdout=None) -> list[str]:
    """Run every app's demo step; return the lines to show the user."""
    report: list[str] = []
    report += seed_admin()
    report += seed_directory()
    report += seed_accounts()
    report += seed_campaign(calendar=calendar)
    report += seed_keys_and_seal(calendar=calendar)
    report += seed_past()
    return report
