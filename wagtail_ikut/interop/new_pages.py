"""The new pages of an import, added with a few queries each instead of add_child()'s and
modelcluster's dozens: the tree position counted on from the parent's last child, the rows
inserted in bulk, and the first revision serialised from memory."""

from collections import Counter

from django.db.models import F


class NewPages:
    """Add pages as last children of their parents, in the transaction of one import, which
    holds the parents locked as add_child() would for one page."""

    def __init__(self, page_class):
        self.page_class = page_class
        # Each parent's last child, as the import leaves it.
        self.last_paths = {}
        self.added = Counter()
        # Set by the import itself, from the site's own objects.
        self.foreign_keys = [
            field.name for field in page_class._meta.concrete_fields if field.many_to_one
        ]

    def add(self, parent, page, relations, rows):
        """Save ``page`` below ``parent`` with its vocabulary values ``relations`` and child
        ``rows`` (unsaved), each a dict by field name; leave both in memory on the page.

        Raise ValidationError, before writing anything, if the page is invalid there.
        """
        page.depth = parent.depth + 1
        page.path = self.next_path(parent)
        page.numchild = 0
        # treebeard's cache of the parent: get_parent() in the checks and in save() reads it.
        page._cached_parent_obj = parent
        page.full_clean(exclude=self.foreign_keys)
        page.save(clean=False)
        self.last_paths[parent.pk] = page.path
        self.added[parent.pk] += 1
        for name, objects in rows.items():
            for obj in objects:
                obj.page = page
            type(page)._meta.get_field(name).related_model.objects.bulk_create(objects)
        for name, objects in relations.items():
            field = type(page)._meta.get_field(name)
            through = field.remote_field.through
            through.objects.bulk_create(
                through(**{field.m2m_field_name(): page, field.m2m_reverse_field_name(): obj})
                for obj in objects
            )
        # Assigned after saving, they stay unsaved "changes" in memory, which is where
        # serializable_data() reads them from without a query.
        for name, objects in [*relations.items(), *rows.items()]:
            setattr(page, name, objects)
        return page

    def next_path(self, parent):
        if parent.pk not in self.last_paths:
            parent.tree_model().objects.select_for_update().get(pk=parent.pk)
            last = parent.get_last_child()
            self.last_paths[parent.pk] = last.path if last else None
        last = self.last_paths[parent.pk]
        if last is None:
            return self.page_class._get_path(parent.path, parent.depth + 1, 1)
        return self.page_class(path=last)._inc_path()

    def finish(self):
        """Count the added pages in their parents' numchild."""
        for pk, count in self.added.items():
            self.page_class.tree_model().objects.filter(pk=pk).update(
                numchild=F("numchild") + count
            )
        self.added.clear()
