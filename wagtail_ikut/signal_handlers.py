"""Keep derived data in step when editors publish, unpublish or rename things."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from .models import Language, Municipality, Organisation, ServiceCategory, ServicePage, TargetGroup
from .search.documents import index_service, reindex_services

#: Snippets whose names are part of a service's searchable text, and the relation to them.
NAMED_IN_SERVICES = {
    Organisation: "provider",
    ServiceCategory: "categories",
    TargetGroup: "target_groups",
    Municipality: "municipalities",
    Language: "languages",
}


def index_published_service(sender, instance, **kwargs):
    index_service(instance)


def reindex_services_naming(sender, instance, created, **kwargs):
    if not created:
        relation = NAMED_IN_SERVICES[sender]
        reindex_services(ServicePage.objects.live().filter(**{relation: instance}))


def register_signal_handlers():
    for signal in (page_published, page_unpublished):
        signal.connect(index_published_service, sender=ServicePage)
    for model in NAMED_IN_SERVICES:
        post_save.connect(reindex_services_naming, sender=model)
