"""Courses, guidance and a low-threshold service directory for Wagtail."""

__version__ = "0.1.0"
