from .services import ServiceFinderBlock, ServiceListBlock

__all__ = ["ServiceFinderBlock", "ServiceListBlock"]
