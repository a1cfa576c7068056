from django_tasks import task


@task()
def email_reply_task(enquiry_id: int) -> None:
    from aiplus.assistant.models import Enquiry
    from aiplus.assistant.notices import email_reply

    enquiry = Enquiry.objects.filter(pk=enquiry_id).select_related("assistant").first()
    if enquiry is not None and enquiry.contact and enquiry.reply:
        email_reply(enquiry)
