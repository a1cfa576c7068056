"""The inbox and the notification settings of the signed-in user. Another user's notification
is indistinguishable from one that does not exist (404)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.accounts.current import signed_in
from aiplus.core.i18n import current_language
from aiplus.core.params import parse_int, parse_page
from aiplus.notifications import selectors, services
from aiplus.notifications.emails import localised_link
from aiplus.notifications.forms import PreferencesForm
from aiplus.notifications.models import Notification


def _own(request: HttpRequest, pk: int) -> Notification:
    return get_object_or_404(selectors.inbox(user=request.user), pk=pk)


def _back_to_inbox(request: HttpRequest) -> HttpResponseRedirect:
    url = reverse("notifications:inbox")
    page = parse_int(request.POST.get("page"), minimum=2)
    return redirect(f"{url}?page={page}" if page else url)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = selectors.inbox(user=request.user)
    page = Paginator(notifications, settings.AIPLUS_PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )
    context = {"page": page, "unread": selectors.unread_count(user=request.user)}
    return render(request, "notifications/inbox.html", context)


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow the notification's link (in the reader's language) and mark it read."""
    notification = _own(request, pk)
    services.mark_read(user=signed_in(request), notification=notification)
    if not notification.link:
        return redirect("notifications:inbox")
    return redirect(localised_link(notification.link, language=current_language()))


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.mark_read(user=signed_in(request), notification=_own(request, pk))
    return _back_to_inbox(request)


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    if services.mark_all_read(user=signed_in(request)):
        messages.success(request, _("All your notifications are marked as read."))
    return _back_to_inbox(request)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        preference=selectors.preferences_for(user=user),
    )
    if form.is_valid():
        services.update_preferences(
            user=user,
            language=form.cleaned_data["language"],
            email_enabled=form.cleaned_data["email_enabled"],
            email_kinds=form.email_kinds(),
        )
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
