"""The HSDS API's URLs, for a host site to include at ``hsds/``."""

from django.urls import path

from wagtail_ikut.interop.api import api

urlpatterns = [path("", api.urls)]
