from django.urls import path

from aiplus.cases.views import public

app_name = "cases"

urlpatterns = [
    path("", public.index, name="index"),
    path("<slug:slug>/", public.detail, name="detail"),
]
