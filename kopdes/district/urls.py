from django.urls import path

from kopdes.district import views

app_name = "district"

urlpatterns = [
    path("kabupaten/", views.home, name="home"),
]
