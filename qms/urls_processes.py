"""URLs of the process register, map and cards, and of the organisational units (intranet)."""

from django.urls import path

from .views import processes as views

patterns = [
    path("processes/", views.process_list, name="process_list"),
    path("processes/map/", views.process_map, name="process_map"),
    path("processes/new/", views.process_create, name="process_create"),
    path("processes/<int:pk>/", views.process_detail, name="process_detail"),
    path("processes/<int:pk>/edit/", views.process_update, name="process_update"),
    path("processes/<int:pk>/pdf/", views.process_pdf, name="process_pdf"),
    path("processes/<int:pk>/risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/edit/", views.risk_update, name="risk_update"),
    path("processes/<int:pk>/measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/edit/", views.measure_update, name="measure_update"),
    path(
        "measures/<int:pk>/values/new/",
        views.measurevalue_create,
        name="measurevalue_create",
    ),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_update, name="unit_update"),
]
