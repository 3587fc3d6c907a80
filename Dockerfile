# The graphstore API for a real Neo4j (see docker-compose.yml). The local engine is not used
# here, because NEO4J_URI is always set in this image's deployments.
# The explorer's page bundle (npm + esbuild), built in its own stage.
FROM node:20-slim AS explorer
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY graphstore/explore/web ./graphstore/explore/web
RUN npm run build:explore

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphstore ./graphstore
COPY api ./api
COPY cypher ./cypher
COPY migrations ./migrations
COPY data ./data
COPY --from=explorer /build/graphstore/explore/static ./graphstore/explore/static
RUN pip install --no-cache-dir . && useradd --create-home graphstore
USER graphstore
EXPOSE 8000
CMD ["graphstore", "serve", "--host", "0.0.0.0", "--port", "8000"]
