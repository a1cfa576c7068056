"""The one-click answer to "about how much time did this save you?". Other apps' pages post
to it by URL name (`{% url 'insights:time_saved' 'advice' pk %}`, see the template
`insights/_time_saved.html`), so they never import insights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aiplus.insights import services
from aiplus.insights.subjects import may_answer


@login_required
@require_POST
def time_saved(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    back = may_answer(request.user, subject, pk)
    if back is None:
        raise Http404
    try:
        services.record_time_saved(
            user=request.user,  # type: ignore[arg-type]
            subject=subject,
            object_id=pk,
            answer=request.POST.get("saved", ""),
        )
    except services.InsightsError as error:
        messages.error(request, str(error))
        return redirect(back)
    if request.headers.get("HX-Request"):
        return render(request, "insights/_time_saved_thanks.html")
    messages.success(request, _("Thank you: your answer counts in the hub's manpower figures."))
    return redirect(back)
