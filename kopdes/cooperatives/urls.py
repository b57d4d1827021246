from django.urls import path

from kopdes.cooperatives import views

app_name = "cooperatives"

urlpatterns = [
    path("k/<slug:slug>/", views.home, name="home"),
]
