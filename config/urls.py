from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api
from kopdes.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("kopdes.accounts.urls")),
    path("", include("kopdes.district.urls")),
    path("", include("kopdes.cooperatives.urls")),
    path("", include("kopdes.ledger.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:  # pragma: no cover - media is served by the web server in production
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
