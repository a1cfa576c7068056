from django.urls import path

from aiplus.assistant.views import chat, manage, voice, widget

app_name = "assistant"

urlpatterns = [
    path("", chat.index, name="index"),
    path("enquiries/", manage.enquiries, name="enquiries"),
    path("enquiries/<int:pk>/", manage.enquiry, name="enquiry"),
    path("answers/<uuid:uid>/wait/", chat.wait, name="wait"),
    path("answers/<uuid:uid>/stream/", chat.stream, name="stream"),
    path("answers/<uuid:uid>/", chat.done, name="done"),
    path("answers/<uuid:uid>/feedback/", chat.feedback, name="feedback"),
    path("answers/<uuid:uid>/speech/", voice.speech, name="speech"),
    path("<slug:slug>/", chat.chat, name="chat"),
    path("<slug:slug>/ask/", chat.ask, name="ask"),
    path("<slug:slug>/person/", chat.hand_over, name="hand_over"),
    path("<slug:slug>/sources/", chat.sources, name="sources"),
    path("<slug:slug>/listen/", voice.listen, name="listen"),
    path("<slug:slug>/embed/", widget.embed, name="embed"),
    path("<slug:slug>/embed/ask/", widget.embed_ask, name="embed_ask"),
    path("<slug:slug>/embed/person/", widget.embed_hand_over, name="embed_hand_over"),
    path("<slug:slug>/widget.js", widget.script, name="script"),
    path("<slug:slug>/manage/", manage.knowledge_page, name="manage"),
    path("<slug:slug>/manage/insights/", manage.insights, name="insights"),
]
