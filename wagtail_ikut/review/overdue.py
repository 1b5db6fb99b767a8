"""Find content whose review or verification is overdue, whatever kind of content it is.

Each reviewed page model provides ``overdue_for_review(today)`` (a class method returning the
overdue live pages) and, per page, ``review_due_on()``, ``review_owner()`` and
``review_municipalities()``. Adding a content kind is one entry in :data:`REVIEWED_MODELS`.
"""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url
from wagtail.permissions import policy_registry

#: The page models whose content has a review or verification date, as app labels.
REVIEWED_MODELS = ("wagtail_ikut.GuidancePage", "wagtail_ikut.ServicePage")


@dataclass(frozen=True)
class OverdueItem:
    """A page whose review is overdue, with whom to tell and since when."""

    page: object
    owner: str
    municipalities: tuple
    due_on: datetime.date | None

    @property
    def kind(self):
        return self.page._meta.verbose_name

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def municipality_names(self):
        return ", ".join(municipality.name for municipality in self.municipalities)

    def as_dict(self):
        return {
            "kind": self.page._meta.model_name,
            "title": self.page.title,
            "language": self.page.locale.language_code,
            "owner": self.owner,
            "municipalities": [municipality.code for municipality in self.municipalities],
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "edit_url": (get_admin_base_url() or "") + self.edit_url,
        }


def overdue_items(
    today: datetime.date | None = None, municipality_code: str | None = None, user=None
) -> list[OverdueItem]:
    """Return the overdue content of every reviewed kind, longest overdue (or never) first.

    Given a ``user``, only the pages they may change: editors of one organisation must not see
    another's content, owners or edit links. Without one (the management command), all of it.
    """
    today = today or timezone.localdate()
    items = []
    for label in REVIEWED_MODELS:
        model = apps.get_model(label)
        pages = model.overdue_for_review(today).select_related("locale")
        if user is not None:
            editable = policy_registry.get_by_type(model).instances_user_has_permission_for(
                user, "change"
            )
            pages = pages.filter(pk__in=editable.values("pk"))
        for page in pages:
            municipalities = tuple(page.review_municipalities())
            if municipality_code and municipality_code not in {m.code for m in municipalities}:
                continue
            items.append(
                OverdueItem(page, page.review_owner(), municipalities, page.review_due_on())
            )
    return sorted(items, key=lambda item: (item.due_on or datetime.date.min, item.page.title))


def by_owner(items):
    """Group overdue items by their owner, owners in alphabetical order."""
    ordered = sorted(
        items, key=lambda item: (item.owner.casefold(), item.due_on or datetime.date.min)
    )
    return [(owner, list(group)) for owner, group in groupby(ordered, key=lambda item: item.owner)]


def report_text(items, today):
    """Return a plain-text report of ``items``, grouped by owner, in the active language."""
    if not items:
        return _("Nothing is overdue for review on %(date)s.") % {"date": today.isoformat()}
    lines = [
        _("Overdue for review on %(date)s: %(count)d.")
        % {"date": today.isoformat(), "count": len(items)}
    ]
    for owner, group in by_owner(items):
        lines += ["", owner or _("No owner named")]
        for item in group:
            details = {
                "kind": item.kind,
                "title": item.page.title,
                "language": item.page.locale.language_code,
                "municipalities": item.municipality_names or "–",
                "url": (get_admin_base_url() or "") + item.edit_url,
            }
            if item.due_on:
                details["due"] = item.due_on.isoformat()
                line = _(
                    "- %(title)s (%(kind)s, %(language)s; %(municipalities)s): due %(due)s, %(url)s"
                )
            else:
                line = _(
                    "- %(title)s (%(kind)s, %(language)s; %(municipalities)s): "
                    "never checked, %(url)s"
                )
            lines.append(line % details)
    return "\n".join(lines)
