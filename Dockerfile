# Emporia container image (see docs/operations.md).
#   docker build -t emporia .
#   docker run -p 3000:3000 -v emporia-data:/data emporia
# Stage 1 installs every dependency and builds the bundle (dist/apps/cli.js) and the web apps
# (dist/web); stage 2 keeps only production dependencies, the bundle and bin/, and runs as a
# non-root user. Without src/ in the image, bin/emporia.js runs the bundle and never rebuilds.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 ships prebuilt binaries; the toolchain is the fallback when none matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# pg_dump/pg_restore/psql for `emporia backup` and `emporia restore` on PostgreSQL (Debian 12 ships
# version 15; use the PGDG packages for a newer server).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    SEED_DEMO=false
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
RUN groupadd --system --gid 10001 emporia \
 && useradd --system --uid 10001 --gid emporia --home-dir /data --shell /usr/sbin/nologin emporia \
 && mkdir -p /data && chown emporia:emporia /data \
 && ln -s /app/bin/emporia.js /usr/local/bin/emporia
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/emporia.js"]
CMD ["start"]
