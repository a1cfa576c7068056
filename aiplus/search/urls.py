from django.urls import path

from aiplus.search import views

app_name = "search"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/<int:log>/<int:passage>/", views.open_result, name="open"),
    path("suggest/", views.suggest, name="suggest"),
]
