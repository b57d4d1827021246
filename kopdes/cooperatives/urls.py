from django.urls import path

from kopdes.cooperatives import views

app_name = "cooperatives"

urlpatterns = [
    path("k/<slug:slug>/", views.home, name="home"),
    path("k/<slug:slug>/riwayat/", views.history, name="history"),
    path("k/<slug:slug>/ubah/", views.cooperative_edit, name="cooperative_edit"),
    path("k/<slug:slug>/tahap/<slug:kind>/", views.step_edit, name="step_edit"),
    path("k/<slug:slug>/tahap/<slug:kind>/hapus/", views.step_delete, name="step_delete"),
    path("k/<slug:slug>/dokumen/<int:pk>/", views.document, name="document"),
    path("k/<slug:slug>/dokumen/<int:pk>/hapus/", views.document_delete, name="document_delete"),
    path("k/<slug:slug>/pengurus/baru/", views.officer_create, name="officer_create"),
    path("k/<slug:slug>/pengurus/<int:pk>/", views.officer_edit, name="officer_edit"),
    path("k/<slug:slug>/pengurus/<int:pk>/berhenti/", views.officer_end, name="officer_end"),
    path("k/<slug:slug>/pengurus/<int:pk>/hapus/", views.officer_delete, name="officer_delete"),
    path("k/<slug:slug>/unit/baru/", views.unit_create, name="unit_create"),
    path("k/<slug:slug>/unit/<int:pk>/", views.unit_edit, name="unit_edit"),
    path("k/<slug:slug>/unit/<int:pk>/hapus/", views.unit_delete, name="unit_delete"),
    path("k/<slug:slug>/unit/<int:pk>/status/", views.unit_status, name="unit_status"),
    path("k/<slug:slug>/rat/baru/", views.rat_create, name="rat_create"),
    path("k/<slug:slug>/rat/<int:pk>/", views.rat_edit, name="rat_edit"),
]
