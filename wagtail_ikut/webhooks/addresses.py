"""Refuse webhook addresses that are not http(s) or that lead into the site's own network."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail_ikut.conf import ikut_settings


def is_public(address):
    """Return whether ``address`` is on the public internet, not private, loopback or the like."""
    # Python 3.11 does not look inside ::ffff:127.0.0.1, an IPv4 address written as IPv6.
    address = getattr(address, "ipv4_mapped", None) or address
    # is_global is false for private, loopback, link-local, reserved and unspecified ranges.
    return address.is_global and not address.is_multicast


def validate_webhook_url(url):
    """Raise ValidationError unless ``url`` is http(s) and every address of its host is public.

    Run again before each send: the host's DNS records may have changed since the save.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Use an http:// or https:// address."), code="scheme")
    if ikut_settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as error:
        raise ValidationError(
            _("The host %(host)s cannot be found."), code="host", params={"host": parts.hostname}
        ) from error
    for *_ignored, sockaddr in found:
        # An IPv6 link-local address may end in a zone: fe80::1%eth0.
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not is_public(address):
            raise ValidationError(
                _("%(host)s is at %(address)s, which is not a public internet address."),
                code="private",
                params={"host": parts.hostname, "address": address},
            )
