"""Tenants: isolated workspaces over a shared catalog, with per-tenant keys and roles.

The modules import the store; nothing here is imported eagerly so that the graph layer
can read `graphstore.tenancy.names` without a cycle. The public names are re-exported by
`graphstore`.
"""
