from django.urls import path

from aiplus.catalogue.views import listing, solution, vendor

app_name = "catalogue"

urlpatterns = [
    path("", listing.index, name="index"),
    path("compare/", solution.compare, name="compare"),
    path("shortlist/", solution.shortlist, name="shortlist"),
    path("vendor/", vendor.my_solutions, name="vendor"),
    path("vendor/new/", vendor.edit, name="vendor_new"),
    path("vendor/<slug:slug>/edit/", vendor.edit, name="vendor_edit"),
    path("<slug:slug>/", solution.detail, name="detail"),
    path("<slug:slug>/shortlist/", solution.toggle_shortlist, name="toggle_shortlist"),
]
