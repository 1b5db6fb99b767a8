"""Wagtail's own indexes of the pages an import writes, its search index and its reference
index, updated once after the import commits, a batch of pages at a time."""

import contextlib
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)
#: Pages read, with their rows, and indexed at a time.
BATCH = 200


@contextlib.contextmanager
def pages_indexed_after_commit(page_class):
    """Update Wagtail's search and reference indexes of the pages the block saves once, after
    the transaction commits, instead of at every save."""
    saved, new = set(), set()

    def collect(instance, created, **kwargs):
        saved.add(instance.pk)
        if created:
            new.add(instance.pk)

    # Per-process, like the import itself: other processes keep indexing as they save.
    indexing = post_save.disconnect(post_save_signal_handler, sender=page_class)
    post_save.connect(collect, sender=page_class, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(collect, sender=page_class)
        if indexing:
            post_save.connect(post_save_signal_handler, sender=page_class)
    transaction.on_commit(lambda: index_pages(page_class, sorted(saved), new))


def index_pages(page_class, ids, new):
    """Write the pages ``ids`` of ``page_class``, of which ``new`` were created, to Wagtail's
    indexes, as saving each would."""
    # Both indexes read every row and vocabulary value of a page: one query each per batch.
    related = [relation.get_accessor_name() for relation in get_all_child_relations(page_class)]
    related += [
        field.name
        for field in page_class._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
    ]
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        pages = list(page_class.objects.filter(pk__in=batch).prefetch_related(*related))
        with transaction.atomic():
            add_references(page_class, [page for page in pages if page.pk in new])
            for page in pages:
                if page.pk not in new:
                    ReferenceIndex.create_or_update_for_object(page)
        indexed = set(
            page_class.get_indexed_objects().filter(pk__in=batch).values_list("pk", flat=True)
        )
        add_to_search_backends(page_class, [page for page in pages if page.pk in indexed])


def add_references(page_class, pages):
    """Record the references of ``pages``, new ones, with one insert: the rows that
    ReferenceIndex.create_or_update_for_object() would add one page at a time, after reading
    what it has recorded, which for a new page is nothing."""
    # Wagtail's own extraction and hashing, so the rows are what it would write.
    content_types = [
        ContentType.objects.get_for_model(model, for_concrete_model=False)
        for model in [page_class, *page_class._meta.get_parent_list()]
    ]
    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=content_types[0],
            base_content_type=content_types[-1],
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    )


def add_to_search_backends(model, objects):
    # As modelsearch's insert_or_update_object does for one object: an engine that is down is
    # logged, a database backend's error raised.
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            logger.exception("Exception raised while adding pages to the %r search backend", name)
            if not backend.catch_indexing_errors:
                raise
