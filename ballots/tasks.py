"""Background work of the campaign, run by `manage.py db_worker` (django-tasks-db)."""

from django.tasks import task


@task
def send_opening_mail_batch(campaign_id: int, agent_ids: list[int]) -> int:
    """One batch of opening mails; safe to run twice (already-mailed agents are skipped)."""
    from ballots.models import Campaign
    from ballots.services.opening_mails import opening_mail_send_batch

    campaign = Campaign.objects.get(pk=campaign_id)
    return opening_mail_send_batch(campaign=campaign, agent_ids=agent_ids)
