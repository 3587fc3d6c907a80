# The graphstore API for a real Neo4j (see docker-compose.yml). The local engine is not used
# here, because NEO4J_URI is always set in this image's deployments.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphstore ./graphstore
COPY api ./api
COPY cypher ./cypher
COPY migrations ./migrations
COPY data ./data
RUN pip install --no-cache-dir . && useradd --create-home graphstore
USER graphstore
EXPOSE 8000
CMD ["graphstore", "serve", "--host", "0.0.0.0", "--port", "8000"]
