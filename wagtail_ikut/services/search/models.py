"""The directory's own full-text index: analysed terms per published service."""

from django.db import models

from wagtail_ikut.core.versions import VersionToken
from wagtail_ikut.services.models import ServicePage


class ServiceSearchDocument(models.Model):
    """The analysed (stemmed or lemmatised) words of one published service.

    SQLite mirrors these rows into an FTS5 table through triggers, and PostgreSQL indexes them
    with a GIN expression index (both made by this app's migrations), so the ORM writes here
    and each database searches them natively.
    """

    page = models.OneToOneField(
        ServicePage, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title_terms = models.TextField()
    body_terms = models.TextField()

    class Meta:
        verbose_name = "service search document"

    def __str__(self):
        return f"Search terms of page {self.page_id}"


class PendingSearchUpdate(models.Model):
    """A service the search engine missed while it was down, to write or drop when it is back.

    The page id is not a foreign key: a deleted service must be dropped from the engine too.
    """

    page_id = models.BigIntegerField(unique=True)
    language_code = models.CharField(max_length=100)
    queued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pending search update"

    def __str__(self):
        return f"Search update pending for page {self.page_id}"


class ServiceIndexVersion(VersionToken):
    """One row whose token changes with every write to the database's index of services and
    to the directory's vocabularies (categories, municipalities, languages).

    Each process keeps the facet index of the directory and the search form's vocabularies in
    memory (search/service_index.py) and reads them again when the token differs.
    """

    class Meta:
        verbose_name = "service index version"
