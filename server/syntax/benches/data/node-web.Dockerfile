# Node.js web application: install, build, prune, run as an unprivileged user.
FROM node:20-bookworm-slim AS base
ENV NODE_ENV=production \
    NPM_CONFIG_LOGLEVEL=warn \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PNPM_HOME=/pnpm
ENV PATH="$PNPM_HOME:$PATH"
RUN corepack enable && corepack prepare pnpm@8.15.4 --activate
WORKDIR /app

FROM base AS deps
# Only the manifests, so that the dependency layer is cached across source changes.
COPY package.json pnpm-lock.yaml .npmrc ./
COPY packages/ui/package.json packages/ui/
COPY packages/api/package.json packages/api/
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod=false

FROM deps AS build
COPY . .
ARG NEXT_PUBLIC_API_URL=https://api.example.com
ENV NEXT_PUBLIC_API_URL=${NEXT_PUBLIC_API_URL} \
    NEXT_TELEMETRY_DISABLED=1
RUN pnpm run -r build \
 && pnpm prune --prod \
 && rm -rf packages/*/src packages/*/test \
 && find . -name '*.map' -delete

FROM base AS runtime
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends tini curl; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 1001 app; \
    useradd --system --uid 1001 --gid app --home-dir /app app
COPY --from=build --chown=app:app /app/node_modules ./node_modules
COPY --from=build --chown=app:app /app/packages/api/dist ./packages/api/dist
COPY --from=build --chown=app:app /app/packages/ui/.next ./packages/ui/.next
COPY --from=build --chown=app:app /app/packages/ui/public ./packages/ui/public
COPY --chown=app:app package.json ./
USER app
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s CMD curl -fsS http://localhost:3000/healthz || exit 1
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "packages/api/dist/server.js"]
