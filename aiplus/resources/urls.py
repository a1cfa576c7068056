from django.urls import path

from aiplus.resources.views import public

app_name = "resources"

urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.detail, name="detail"),
    path("<int:pk>/download/", public.download, name="download"),
    path("<int:pk>/preview.png", public.preview, name="preview"),
]
