"""Pages for keeping informed: an officer's digest settings with a preview of the next digest,
and DPO's briefings (the list, composing one, one briefing and sending it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.core.translated import expand
from aiplus.events import briefings, digests
from aiplus.events.forms import BriefingForm, DigestForm
from aiplus.events.permissions import user_can_brief


@login_required
def digest(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    subscription = digests.subscription_of(user)
    initial = {
        "frequency": subscription.frequency,
        "kinds": subscription.kinds,
        "tasks": list(subscription.tasks.all()) if subscription.pk else [],
        "topics": subscription.topics,
    }
    form = DigestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        digests.save_subscription(user=user, **form.cleaned_data)
        messages.success(request, _("Your digest settings are saved."))
        return redirect("events:digest")
    since, until = digests.next_digest_window(subscription, timezone.now())
    context = {
        "form": form,
        "subscription": subscription,
        "preview": digests.digest_for(user=user, since=since, until=until),
        "since": since,
    }
    return render(request, "events/digest.html", context)


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    found = briefings.briefings_for(user).prefetch_related("organisations")
    return render(
        request,
        "events/briefings.html",
        {"briefings": found, "can_brief": user_can_brief(user)},
    )


@login_required
def briefing_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not user_can_brief(user):
        raise PermissionDenied
    form = BriefingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = briefings.create_briefing(
                author=user,
                texts={name: data.get(name) or "" for name in expand(("title", "introduction"))},
                organisations=data["organisations"],
                solutions=data["solutions"],
                cases=data["cases"],
                resources=data["resources"],
                events=data["events"],
            )
        except briefings.BriefingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The briefing is saved. Check it, then send it."))
            return redirect(made)
    return render(request, "events/briefing_form.html", {"form": form})


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    item = briefings.briefing_for(user, pk)
    can_brief = user_can_brief(user)
    context = {
        "briefing": item,
        "items": briefings.items_for(user, item),
        "organisations": item.organisations.all(),
        "can_send": can_brief and item.sent_at is None,
        "recipient_count": briefings.recipients_of(item).count() if can_brief else None,
    }
    return render(request, "events/briefing.html", context)


@login_required
@require_POST
def briefing_send(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    item = briefings.briefing_for(user, pk)
    if not user_can_brief(user):
        raise PermissionDenied
    try:
        count = briefings.send_briefing(briefing=item, sender=user)
    except briefings.BriefingError as error:
        messages.error(request, str(error))
    else:
        message = _("The briefing is sent. Officers notified: %(count)d") % {"count": count}
        messages.success(request, message)
    return redirect(item)
