from django.urls import path

from aiplus.advice.views import advisor, requests, suggest

app_name = "advice"

urlpatterns = [
    path("", requests.index, name="index"),
    path("new/", requests.new, name="request"),
    path("suggestions/", suggest.suggest, name="suggest"),
    path("queue/", advisor.queue, name="queue"),
    path("<int:pk>/", requests.detail, name="detail"),
    path("<int:pk>/messages/", requests.post_message, name="message"),
    path("<int:pk>/messages.<str:fmt>", requests.thread_export, name="thread_export"),
    path("<int:pk>/status/", requests.move, name="move"),
    path("<int:pk>/files/<int:file>/", requests.attachment, name="attachment"),
    path("<int:pk>/assign/", advisor.assign, name="assign"),
    path("<int:pk>/notes/", advisor.add_note, name="note"),
    path("<int:pk>/recommend/", advisor.recommend, name="recommend"),
    path("<int:pk>/recommend/<int:solution>/remove/", advisor.unrecommend, name="unrecommend"),
]
