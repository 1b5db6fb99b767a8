"""Editor and moderator groups of one organisation, with a moderation workflow on its pages.

An organisation's part of the page tree is the section pages it is given (and their
translations): its editors add and change pages there and submit them for moderation, its
moderators publish them. Django's model permissions cannot be limited to one snippet, so
neither group may change organisations: they view and choose the shared snippets.
"""

from dataclasses import dataclass

import swapper
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.content_types import get_default_page_content_type

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)
from wagtail_ikut.guidance.legal import LegalReference

#: What the editors may do on the organisation's pages: write drafts and submit them.
EDITOR_PAGE_PERMISSIONS = ("add", "change")
#: What the moderators may do there besides: publish, unpublish, and unlock pages in review.
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
#: The snippets both groups read and choose in the page editor.
VIEWED_SNIPPETS = (
    Organisation,
    Municipality,
    Language,
    ServiceCategory,
    TargetGroup,
    CourseTheme,
    LegalReference,
)


class SetupError(Exception):
    """The organisation or a section page named could not be found."""


@dataclass
class Setup:
    """An organisation's groups and workflow, and what setting them up had to create."""

    editors: Group
    moderators: Group
    workflow: Workflow
    #: Sentences telling what was not there before, for the person running the set-up.
    created: list[str]


def find_organisation(value):
    """Return the Organisation or Municipality named ``value`` (in any language) or so coded."""
    found = Organisation.objects.filter(name__iexact=value).first() or (
        Municipality.objects.filter(Q(name__iexact=value) | Q(code=value)).first()
    )
    if found is None:
        raise SetupError(
            _("No organisation or municipality is named or coded “%(value)s”.") % {"value": value}
        )
    # Groups are named after the default language's translation, whichever one was named.
    return found.get_translation_or_none(found.get_default_locale()) or found


def find_section(value):
    """Return the page with the id ``value``, or at the path ``value`` below a site's root."""
    Page = swapper.load_model("wagtailcore", "Page")
    if value.isdigit():
        pages = Page.objects.filter(pk=value)
    else:
        path = value.strip("/")
        relative = f"{path}/" if path else ""
        roots = Page.objects.filter(sites_rooted_here__isnull=False)
        # A site's root has a translation per language, each the root of that language's tree.
        root_paths = Page.objects.filter(
            translation_key__in=roots.values("translation_key")
        ).values_list("url_path", flat=True)
        pages = Page.objects.filter(url_path__in=[root + relative for root in root_paths])
    if len({page.translation_key for page in pages}) != 1:
        raise SetupError(_("No single page has the id or path “%(value)s”.") % {"value": value})
    return pages.first()


def page_permissions(*types):
    """Return the permissions of the page model named by ``types``, e.g. "change"."""
    model_name = swapper.load_model("wagtailcore", "Page")._meta.model_name
    return Permission.objects.filter(
        content_type=get_default_page_content_type(),
        codename__in=[f"{permission_type}_{model_name}" for permission_type in types],
    )


def model_permissions():
    """Return the admin access and the view permissions of the shared snippets."""
    content_types = ContentType.objects.get_for_models(*VIEWED_SNIPPETS).values()
    return Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__in=content_types, codename__startswith="view_")
    )


@transaction.atomic
def set_up_editors(organisation, sections):
    """Give ``organisation`` its groups and workflow on ``sections`` and their translations."""
    name = organisation.name
    pages = [page for section in sections for page in section.get_translations(inclusive=True)]
    created = []
    editors = page_group(f"{name} editors", EDITOR_PAGE_PERMISSIONS, pages, created)
    moderators = page_group(f"{name} moderators", MODERATOR_PAGE_PERMISSIONS, pages, created)
    task, task_created = GroupApprovalTask.objects.get_or_create(name=f"{name} moderators approve")
    task.groups.add(moderators)
    workflow, workflow_created = Workflow.objects.get_or_create(name=f"{name} moderation")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if workflow_created or task_created:
        created.append(_("Created the workflow “%(name)s”.") % {"name": workflow.name})
    for page in pages:
        link = WorkflowPage.objects.filter(page=page, workflow=workflow)
        if not link.exists():
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            created.append(
                _("Changes below “%(title)s” (%(language)s) now go through “%(workflow)s”.")
                % {
                    "title": page.title,
                    "language": page.locale.language_code,
                    "workflow": workflow.name,
                }
            )
    return Setup(editors, moderators, workflow, created)


def page_group(name, permission_types, pages, created):
    """Return the group ``name`` with admin access and ``permission_types`` on ``pages``."""
    group, group_created = Group.objects.get_or_create(name=name)
    if group_created:
        created.append(_("Created the group “%(name)s”.") % {"name": name})
    group.permissions.add(*model_permissions())
    for page in pages:
        for permission in page_permissions(*permission_types):
            _permission, permission_created = GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
            if permission_created:
                created.append(
                    _(
                        "“%(name)s” has the permission “%(permission)s” below “%(title)s” "
                        "(%(language)s)."
                    )
                    % {
                        "name": name,
                        "permission": permission.codename.rsplit("_", 1)[0],
                        "title": page.title,
                        "language": page.locale.language_code,
                    }
                )
    return group
