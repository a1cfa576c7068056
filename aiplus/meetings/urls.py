from django.urls import path

from aiplus.meetings.views import editing, pages, templates

app_name = "meetings"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.new, name="new"),
    path("captions/", pages.live_captions, name="captions"),
    path("actions/", pages.my_actions, name="actions"),
    path("actions/<int:pk>/done/", pages.action_done, name="action_done"),
    path("templates/", templates.index, name="templates"),
    path("templates/new/", templates.edit, name="new_template"),
    path("templates/<int:pk>/", templates.edit, name="edit_template"),
    path("templates/<int:pk>/delete/", templates.delete, name="delete_template"),
    path("<uuid:uid>/", pages.detail, name="detail"),
    path("<uuid:uid>/speakers/", pages.name_speaker, name="name_speaker"),
    path("<uuid:uid>/turns/<int:position>/", pages.edit_turn, name="edit_turn"),
    path("<uuid:uid>/recording/", pages.recording, name="recording"),
    path("<uuid:uid>/share/", pages.share, name="share"),
    path("<uuid:uid>/share/<int:pk>/remove/", pages.unshare, name="unshare"),
    path("<uuid:uid>/minutes/", pages.start_minutes, name="start_minutes"),
    path("<uuid:uid>/ask/", pages.ask, name="ask"),
    path("<uuid:uid>/minutes/<int:pk>/ai-edit/", pages.ai_edit, name="ai_edit"),
    path("<uuid:uid>/minutes/<int:pk>/", pages.minutes, name="minutes"),
    path("<uuid:uid>/minutes/<int:pk>/approve/", pages.approve, name="approve"),
    path("<uuid:uid>/minutes/<int:pk>/comments/", editing.comment, name="comment"),
    path(
        "<uuid:uid>/minutes/<int:pk>/section/",
        editing.regenerate_section,
        name="regenerate_section",
    ),
    path(
        "<uuid:uid>/minutes/<int:pk>/comments/<int:comment_pk>/resolve/",
        editing.resolve_comment,
        name="resolve_comment",
    ),
    path("<uuid:uid>/minutes/<int:pk>/time-saved/", pages.time_saved, name="time_saved"),
    path("<uuid:uid>/minutes/<int:pk>/send/", pages.send, name="send"),
    path(
        "<uuid:uid>/minutes/<int:pk>/minutes.<str:fmt>",
        pages.download,
        name="download",
    ),
]
