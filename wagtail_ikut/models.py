"""Every model of the package, from its feature's folder: where Django looks for them."""

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)
from wagtail_ikut.core.versions import PublicContentVersion
from wagtail_ikut.courses.details import CourseContact, CourseInstance, CourseStatus
from wagtail_ikut.courses.models import CourseFormat, CourseIndexPage, CoursePage
from wagtail_ikut.guidance.legal import LegalForce, LegalReference
from wagtail_ikut.guidance.models import (
    Audience,
    GuidanceChangeNote,
    GuidanceIndexPage,
    GuidanceLegalReference,
    GuidancePage,
)
from wagtail_ikut.safety.models import SafetyPage
from wagtail_ikut.services.details import (
    ContactChannel,
    OpeningHours,
    OpeningHoursException,
    ServiceLocation,
)
from wagtail_ikut.services.models import (
    LOW_THRESHOLD_FLAGS,
    ServiceDirectoryPage,
    ServicePage,
    ServiceStatus,
)
from wagtail_ikut.services.search.models import (
    PendingSearchUpdate,
    ServiceIndexVersion,
    ServiceSearchDocument,
)
from wagtail_ikut.services.search.synonyms import SynonymSet
from wagtail_ikut.webhooks.models import WebhookDelivery, WebhookSubscriber

__all__ = [
    "LOW_THRESHOLD_FLAGS",
    "Audience",
    "ContactChannel",
    "CourseContact",
    "CourseFormat",
    "CourseIndexPage",
    "CourseInstance",
    "CoursePage",
    "CourseStatus",
    "CourseTheme",
    "GuidanceChangeNote",
    "GuidanceIndexPage",
    "GuidanceLegalReference",
    "GuidancePage",
    "Language",
    "LegalForce",
    "LegalReference",
    "Municipality",
    "OpeningHours",
    "OpeningHoursException",
    "Organisation",
    "PendingSearchUpdate",
    "PublicContentVersion",
    "SafetyPage",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceIndexVersion",
    "ServiceLocation",
    "ServicePage",
    "ServiceSearchDocument",
    "ServiceStatus",
    "SynonymSet",
    "TargetGroup",
    "WebhookDelivery",
    "WebhookSubscriber",
]
