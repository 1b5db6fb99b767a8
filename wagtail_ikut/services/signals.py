"""Keep derived data in step when editors publish, unpublish, move, delete or rename things."""

import contextlib
import contextvars

import swapper
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.services.models import ServicePage, ServicePageMixin
from wagtail_ikut.services.search import documents
from wagtail_ikut.services.search.engine import index as engine_index
from wagtail_ikut.services.search.models import ServiceIndexVersion
from wagtail_ikut.services.search.synonyms import SynonymSet

#: Snippets whose names are part of a service's searchable text, and the relation to them.
NAMED_IN_SERVICES = {
    Organisation: "provider",
    ServiceCategory: "categories",
    TargetGroup: "target_groups",
    Municipality: "municipalities",
    Language: "languages",
}

#: Snippets that each process keeps under the token: the values the directory's search form
#: offers, and the synonyms its searches are widened by.
VOCABULARIES = (ServiceCategory, Municipality, Language, SynonymSet)


#: The ids of the services to index once the importing transaction commits, while one runs.
_deferred = contextvars.ContextVar("wagtail_ikut_deferred_index", default=None)


@contextlib.contextmanager
def index_after_commit():
    """Collect the services the block publishes and index them only once it has committed.

    An import writes everything in one transaction; indexing as it goes would leave the search
    engine holding services that a rollback took back out of the database.
    """
    ids = set()
    token = _deferred.set(ids)
    try:
        yield
    finally:
        _deferred.reset(token)
    transaction.on_commit(lambda: index(ServicePage.objects.filter(pk__in=ids)))


def index(services):
    """Write the services to the database's index and to the search engine, if there is one."""
    deferred = _deferred.get()
    if deferred is not None:
        deferred.update(services.values_list("pk", flat=True))
        return
    rows = list(documents.search_rows(services))
    documents.index_rows(rows)
    engine_index.update(rows)


def index_published_service(sender, instance, **kwargs):
    index(ServicePage.objects.filter(pk=instance.pk))


def reindex_moved_services(sender, instance, **kwargs):
    # The engine scopes a directory's search by tree path, which a move changes for the page
    # and everything below it.
    index(ServicePage.objects.descendant_of(instance, inclusive=True))


def reindex_restricted_services(sender, instance, **kwargs):
    # A view restriction hides the services below its page from the public, and lifting it
    # shows them again; no one publishes anything for either.
    Page = swapper.load_model("wagtailcore", "Page")
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        index(ServicePage.objects.descendant_of(page, inclusive=True))


def drop_deleted_service(sender, instance, **kwargs):
    # The database's index row went with the page, by cascade.
    ServiceIndexVersion.bump()
    engine_index.remove(instance.pk, instance.locale.language_code)


def reindex_services_naming(sender, instance, created, **kwargs):
    if not created:
        relation = NAMED_IN_SERVICES[sender]
        index(ServicePage.objects.live().filter(**{relation: instance}))


def vocabulary_changed(sender, instance, **kwargs):
    # The search form's choices and the synonyms are kept in each process under the token
    # (and the service index reads the facet values again): an added, renamed or deleted
    # value or synonym applies at once.
    ServiceIndexVersion.bump()


def keep_source_ids(sender, source_obj, target_obj, **kwargs):
    # Copying leaves out the ids a service has in PTV or HSDS data; a translation is the same
    # service, so a re-import updates it and the HSDS export gives it the same id.
    if not isinstance(source_obj, ServicePageMixin):
        return
    ids = {name: getattr(source_obj, name) for name in source_obj.source_id_fields}
    type(target_obj).objects.filter(pk=target_obj.pk).update(**ids)
    for name, value in ids.items():
        setattr(target_obj, name, value)


def register_signal_handlers():
    for signal in (page_published, page_unpublished):
        signal.connect(index_published_service, sender=ServicePage)
    post_page_move.connect(reindex_moved_services)
    copy_for_translation_done.connect(keep_source_ids)
    post_delete.connect(drop_deleted_service, sender=ServicePage)
    for signal in (post_save, post_delete):
        signal.connect(reindex_restricted_services, sender=PageViewRestriction)
    for model in NAMED_IN_SERVICES:
        post_save.connect(reindex_services_naming, sender=model)
    for model in VOCABULARIES:
        for signal in (post_save, post_delete):
            signal.connect(vocabulary_changed, sender=model)
