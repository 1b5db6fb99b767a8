"""The new pages of an import, added with one insert each instead of add_child()'s,
save_revision()'s and publish()'s dozens of queries: the tree position counted on from the
parent's last child, the slug chosen among the siblings read once, and the rows, the first
revisions and the history's entries inserted a batch of pages at a time."""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published, published

#: Pages whose rows, revisions and history are written at a time.
BATCH = 200


class NewPages:
    """Add pages as last children of their parents, in the transaction of one import, which
    holds the parents locked as add_child() would for one page; each as save_revision() and,
    if ``publish``, publish() leave a new page."""

    def __init__(self, page_class, publish):
        self.page_class = page_class
        self.publish = publish
        # Each parent's last child, as the import leaves it.
        self.last_paths = {}
        self.added = Counter()
        # Each parent's children's slugs, as the import leaves them.
        self.slugs = {}
        # Saved pages, with their vocabulary values and rows, waiting for the next batch.
        self.waiting = []
        # Set by the import itself, from the site's own objects.
        self.foreign_keys = [
            field.name for field in page_class._meta.concrete_fields if field.many_to_one
        ]

    def add(self, parent, page, relations, rows):
        """Save ``page`` below ``parent`` with its vocabulary values ``relations`` and child
        ``rows`` (unsaved), each a dict by field name; they are written with the page's batch.

        Raise ValidationError, before writing anything, if the page is invalid there.
        """
        page.depth = parent.depth + 1
        page.path = self.next_path(parent)
        page.numchild = 0
        page.live = self.publish
        page.has_unpublished_changes = not self.publish
        page.draft_title = page.title
        if self.publish:
            page.first_published_at = page.last_published_at = timezone.now()
        # treebeard's cache of the parent: get_parent() in the checks and in save() reads it.
        page._cached_parent_obj = parent
        page.full_clean(exclude=self.foreign_keys)
        page.save(clean=False, log_action=None)
        self.last_paths[parent.pk] = page.path
        self.added[parent.pk] += 1
        self.slugs[parent.pk].add(page.slug)
        self.waiting.append((page, relations, rows))
        if len(self.waiting) >= BATCH:
            self.write_waiting()
        return page

    def available_slug(self, parent, requested):
        """Return ``requested``, or it numbered as find_available_slug() does, whichever no
        child of ``parent`` has: without a query a page once the siblings' slugs are read."""
        if parent.pk not in self.slugs:
            self.slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        taken = self.slugs[parent.pk]
        slug, number = requested, 1
        while slug in taken:
            slug = f"{requested}-{number}"
            number += 1
        return slug

    def next_path(self, parent):
        if parent.pk not in self.last_paths:
            parent.tree_model().objects.select_for_update().get(pk=parent.pk)
            last = parent.get_last_child()
            self.last_paths[parent.pk] = last.path if last else None
        last = self.last_paths[parent.pk]
        if last is None:
            return self.page_class._get_path(parent.path, parent.depth + 1, 1)
        return self.page_class(path=last)._inc_path()

    def write_waiting(self):
        """Write the waiting pages' rows, first revisions and history, and say they are
        published."""
        pages = [page for page, _relations, _rows in self.waiting]
        self.write_rows()
        now = timezone.now()
        revisions = Revision.objects.bulk_create(
            Revision(
                content_object=page,
                base_content_type=page.get_base_content_type(),
                # The rows are in memory, with their ids: no query.
                content=page.serializable_data(),
                object_str=str(page),
                created_at=now,
            )
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            page.latest_revision_created_at = revision.created_at
            page.live_revision = revision if self.publish else None
        self.page_class.objects.bulk_update(
            pages, ["latest_revision", "latest_revision_created_at", "live_revision"]
        )
        entries = [self.log_entry(page, "wagtail.create", user=page.owner) for page in pages]
        if self.publish:
            entries += [
                self.log_entry(page, "wagtail.publish", revision=page.live_revision)
                for page in pages
            ]
        PageLogEntry.objects.bulk_create(entries)
        if self.publish:
            for page in pages:
                page_published.send(
                    sender=self.page_class, instance=page, revision=page.live_revision
                )
                published.send(sender=self.page_class, instance=page, revision=page.live_revision)
        self.waiting = []

    def write_rows(self):
        """Insert the waiting pages' child rows and vocabulary values, one statement a kind."""
        by_model = defaultdict(list)
        for page, relations, rows in self.waiting:
            for name, objects in rows.items():
                for obj in objects:
                    obj.page = page
                by_model[type(page)._meta.get_field(name).related_model] += objects
            for name, objects in relations.items():
                field = type(page)._meta.get_field(name)
                through = field.remote_field.through
                by_model[through] += [
                    through(**{field.m2m_field_name(): page, field.m2m_reverse_field_name(): obj})
                    for obj in objects
                ]
        for model, objects in by_model.items():
            model.objects.bulk_create(objects)
        for page, relations, rows in self.waiting:
            # Assigned after saving, they stay unsaved "changes" in memory, which is where
            # serializable_data() reads them from without a query.
            for name, objects in [*relations.items(), *rows.items()]:
                setattr(page, name, objects)

    def log_entry(self, page, action, user=None, **fields):
        """Return the page's history entry, as wagtail.log_actions.log() would write it."""
        context = get_active_log_context()
        return PageLogEntry(
            page=page,
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=page.get_admin_display_title(),
            action=action,
            timestamp=timezone.now(),
            data={},
            user=user or context.user,
            uuid=context.uuid,
            content_changed=True,
            **fields,
        )

    def finish(self):
        """Write what is waiting, and count the added pages in their parents' numchild."""
        self.write_waiting()
        for pk, count in self.added.items():
            self.page_class.tree_model().objects.filter(pk=pk).update(
                numchild=F("numchild") + count
            )
        self.added.clear()
