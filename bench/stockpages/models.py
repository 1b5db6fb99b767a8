"""A plain Wagtail page holding a service's text, searched through Wagtail's stock search."""

from django.db import models
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class StockServicePage(Page):
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary")]
