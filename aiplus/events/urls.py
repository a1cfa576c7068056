from django.urls import path

from aiplus.events.views import digests, exchange, organiser, public, visits

app_name = "events"

urlpatterns = [
    path("", public.index, name="index"),
    path("past/", public.archive, name="archive"),
    path("mine/", public.mine, name="mine"),
    path("digest/", digests.digest, name="digest"),
    path("briefings/", digests.briefing_list, name="briefings"),
    path("briefings/new/", digests.briefing_new, name="briefing_new"),
    path("briefings/<int:pk>/", digests.briefing_detail, name="briefing"),
    path("briefings/<int:pk>/send/", digests.briefing_send, name="briefing_send"),
    path("requests/", visits.index, name="requests"),
    path("requests/<int:pk>/", visits.detail, name="request"),
    path("requests/<int:pk>/answer/", visits.answer, name="request_answer"),
    path("mine/<int:pk>/code.svg", public.check_in_code, name="code"),
    path("check-in/<uuid:token>/", organiser.check_in, name="check_in"),
    path("<int:pk>/", public.detail, name="detail"),
    path("<int:pk>/register/", public.register, name="register"),
    path("<int:pk>/cancel/", public.cancel, name="cancel"),
    path("<int:pk>/event.ics", public.calendar_file, name="ics"),
    path("<int:pk>/feedback/", public.feedback, name="feedback"),
    path("<int:pk>/questions/", exchange.page, name="exchange"),
    path("<int:pk>/questions/act/", exchange.act, name="exchange_act"),
    path("<int:pk>/attendees/", organiser.attendees, name="attendees"),
    path("<int:pk>/attendees/<int:registration>/in/", organiser.mark_attended, name="attended"),
    path("<int:pk>/announce/", organiser.announce_change, name="announce"),
]
