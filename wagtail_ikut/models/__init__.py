from .organisations import Organisation
from .taxonomy import CourseTheme, Language, Municipality, ServiceCategory, TargetGroup

__all__ = [
    "CourseTheme",
    "Language",
    "Municipality",
    "Organisation",
    "ServiceCategory",
    "TargetGroup",
]
