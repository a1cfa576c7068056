"""Background tasks of the notifications app; thin wrappers around `services`."""

from django_tasks import task

from aiplus.notifications import services


@task()
def send_email_task(delivery_id: int) -> str:
    return services.send_email_delivery(delivery_id=delivery_id)


@task()
def retry_emails_task() -> int:
    """Scheduled every minute: queue e-mails that are due again (idempotent)."""
    return services.retry_due_emails()


@task()
def prune_sent_emails_task() -> int:
    """Scheduled daily: forget the e-mail copies of notifications sent long ago (idempotent)."""
    return services.prune_sent_emails()
