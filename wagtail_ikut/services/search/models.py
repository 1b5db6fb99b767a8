"""The directory's own full-text index: analysed terms per published service."""

import uuid

from django.db import connections, models, router

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


class ServiceIndexVersion(models.Model):
    """One row whose token changes with every write to the database's index of services and
    to the directory's vocabularies (categories, municipalities, languages).

    Each process keeps the facet index of the directory and the search form's vocabularies in
    memory (search/service_index.py) and reads them again when the token differs. A random
    token, not a counter: a rolled-back transaction can restore an old counter value over
    different data, never an old token.
    """

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = "service index version"

    def __str__(self):
        return f"Service index version {self.token}"

    @classmethod
    def bump(cls):
        cls.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})

    @classmethod
    def current(cls):
        """Return the token as the database stores it (compared, never read), or None."""
        # Every search reads it: in plain SQL, as the ORM took 0.4 ms to compile this query
        # and the database a few microseconds to answer it.
        connection = connections[router.db_for_read(cls)]
        quote = connection.ops.quote_name
        table, pk = quote(cls._meta.db_table), quote(cls._meta.pk.column)
        column = quote(cls._meta.get_field("token").column)
        with connection.cursor() as cursor:
            # The names come from the model, quoted by the database's own rules.
            cursor.execute(f"SELECT {column} FROM {table} WHERE {pk} = 1")  # noqa: S608  # nosec
            row = cursor.fetchone()
        return row[0] if row else None
