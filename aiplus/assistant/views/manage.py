"""Editors' pages: an assistant's knowledge (FAQ pairs, spreadsheet import, documents), its
figures, and the enquiries handed over to a person (reply; add the reply as a FAQ)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aiplus.accounts.models import User
from aiplus.assistant import analytics, knowledge, selectors, services
from aiplus.assistant.forms import DocumentForm, FaqForm, ImportForm, ReplyForm
from aiplus.assistant.models import KnowledgeItem
from aiplus.assistant.permissions import user_can_manage
from aiplus.core.charts import bar_chart
from aiplus.core.params import parse_int


def _manager(request: HttpRequest) -> User:
    if not user_can_manage(request.user):
        raise Http404
    assert isinstance(request.user, User)
    return request.user


def knowledge_page(request: HttpRequest, slug: str) -> HttpResponse:
    _manager(request)
    assistant = selectors.managed_assistant(request.user, slug)
    action = request.POST.get("action", "")
    faq_form = FaqForm(request.POST if action == "faq" else None)
    import_form = ImportForm(
        request.POST if action == "import" else None, request.FILES if action == "import" else None
    )
    document_form = DocumentForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
    )
    if request.method == "POST":
        try:
            if action == "faq" and faq_form.is_valid():
                services.save_item(
                    KnowledgeItem(assistant=assistant, kind="faq", **faq_form.cleaned_data)
                )
                messages.success(request, _("The FAQ was added."))
                return redirect("assistant:manage", slug)
            if action == "import" and import_form.is_valid():
                report = knowledge.import_faqs(
                    assistant=assistant, upload=import_form.cleaned_data["file"]
                )
                messages.success(
                    request,
                    _("FAQ imported: %(added)d added, %(updated)d updated.")
                    % {"added": report.added, "updated": report.updated},
                )
                for problem in report.problems[:20]:
                    messages.warning(request, problem)
                return redirect("assistant:manage", slug)
            if action == "document" and document_form.is_valid():
                knowledge.add_document(
                    assistant=assistant,
                    upload=document_form.cleaned_data["file"],
                    title=document_form.cleaned_data["title"],
                )
                messages.success(request, _("The document was added."))
                return redirect("assistant:manage", slug)
            if action == "remove":
                item = assistant.knowledge.filter(
                    pk=parse_int(request.POST.get("item")) or 0
                ).first()
                if item is not None:
                    knowledge.remove(item=item)
                    messages.success(request, _("The item was removed."))
                return redirect("assistant:manage", slug)
        except services.AssistantError as error:
            messages.error(request, str(error))
    return render(
        request,
        "assistant/manage.html",
        {
            "assistant": assistant,
            "items": selectors.knowledge_of(assistant),
            "faq_form": faq_form,
            "import_form": import_form,
            "document_form": document_form,
        },
    )


def insights(request: HttpRequest, slug: str) -> HttpResponse:
    _manager(request)
    assistant = selectors.managed_assistant(request.user, slug)
    days = parse_int(request.GET.get("days"), minimum=1, maximum=366) or 30
    figures = analytics.figures(assistant, days=days)
    return render(
        request,
        "assistant/insights.html",
        {
            "assistant": assistant,
            "figures": figures,
            "days": days,
            "periods": [7, 30, 90, 365],
            "status_chart": bar_chart([(str(label), n) for label, n in figures.by_status]),
            "day_chart": bar_chart(
                [(day.isoformat(), n) for day, n in figures.by_day[-14:]], row_height=40
            ),
        },
    )


def enquiries(request: HttpRequest) -> HttpResponse:
    _manager(request)
    state = request.GET.get("state", "open")
    listed = selectors.enquiries_for(request.user)
    if state in ("open", "replied", "closed"):
        listed = listed.filter(state=state)
    return render(request, "assistant/enquiries.html", {"enquiries": listed[:200], "state": state})


def enquiry(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    found = selectors.enquiry_for(user, pk)
    form = ReplyForm(request.POST if request.POST.get("action") == "reply" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reply" and form.is_valid():
                services.reply_to_enquiry(enquiry=found, by=user, reply=form.cleaned_data["reply"])
                messages.success(request, _("The reply was sent."))
                return redirect("assistant:enquiry", pk)
            if request.POST.get("action") == "faq":
                services.add_reply_as_faq(enquiry=found, by=user)
                messages.success(request, _("The reply is now a FAQ of the assistant."))
                return redirect("assistant:enquiry", pk)
        except services.AssistantError as error:
            messages.error(request, str(error))
    transcript = services.transcript(found.conversation) if found.conversation else ""
    return render(
        request,
        "assistant/enquiry.html",
        {"enquiry": found, "form": form, "transcript": transcript},
    )
