from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", api.urls),
    path("hsds/", include("wagtail_ikut.interop.urls")),
    # Both helpers serve files only when DEBUG is on, as in this demo.
    *staticfiles_urlpatterns(),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    # wagtail_ikut.urls before Wagtail's: it answers one of Wagtail's addresses its own way.
    *i18n_patterns(path("", include("wagtail_ikut.urls")), path("", include(wagtail_urls))),
]

# "Not found" and server errors in the package's layout, with its quick exit.
handler404 = "wagtail_ikut.error_pages.page_not_found"
handler500 = "wagtail_ikut.error_pages.server_error"
