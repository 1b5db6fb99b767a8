from .courses import CourseListBlock
from .services import ServiceFinderBlock, ServiceListBlock

__all__ = ["CourseListBlock", "ServiceFinderBlock", "ServiceListBlock"]
