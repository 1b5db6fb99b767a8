"""Search support for the service directory."""
