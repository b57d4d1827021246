from django.urls import path

from kopdes.district import registry_views, views

app_name = "district"

urlpatterns = [
    path("kabupaten/", views.home, name="home"),
    path("kabupaten/peta/", views.map_page, name="map"),
    path("kabupaten/koperasi/", registry_views.registry, name="registry"),
    path("kabupaten/koperasi/unduh.xlsx", registry_views.registry_xlsx, name="registry_xlsx"),
    path("kabupaten/pengurus/unduh.xlsx", registry_views.officers_xlsx, name="officers_xlsx"),
]
