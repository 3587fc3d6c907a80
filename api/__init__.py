"""graphstore's HTTP API: thin FastAPI routers over the library."""
