"""What names a tenant, and the one every single-tenant graph lives in."""

from __future__ import annotations

DEFAULT_TENANT = "default"
"""With no tenants configured, everything belongs here (migration V006 moved older graphs
in); the anonymous reads of GRAPHSTORE_ANONYMOUS_READS see it."""

TENANT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
"""Lower-case letters, digits and dashes: safe in a URL, a file name and a key's prefix."""
