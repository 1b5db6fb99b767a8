"""URLs for a host site to include just before Wagtail's own (``wagtail.urls``)."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from wagtail import views as wagtail_views

urlpatterns = [
    # Wagtail's password form, at Wagtail's address and name, without the CSRF check, so that
    # the form needs no CSRF cookie (see wagtail_ikut/password_required.html). A forged post
    # must know the page's password and can only open that page in the visitor's browser.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        csrf_exempt(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
]
