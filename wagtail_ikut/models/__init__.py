from .organisations import Organisation
from .search import PendingSearchUpdate, ServiceSearchDocument
from .service_details import ContactChannel, OpeningHours, OpeningHoursException, ServiceLocation
from .services import LOW_THRESHOLD_FLAGS, ServiceDirectoryPage, ServicePage, ServiceStatus
from .taxonomy import CourseTheme, Language, Municipality, ServiceCategory, TargetGroup

__all__ = [
    "LOW_THRESHOLD_FLAGS",
    "ContactChannel",
    "CourseTheme",
    "Language",
    "Municipality",
    "OpeningHours",
    "OpeningHoursException",
    "Organisation",
    "PendingSearchUpdate",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceLocation",
    "ServicePage",
    "ServiceSearchDocument",
    "ServiceStatus",
    "TargetGroup",
]
