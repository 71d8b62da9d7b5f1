# Countersign image: the worker and the Slack bot run from the same image
# (COUNTERSIGN_PROCESS=worker|bot|all).
FROM node:20-bookworm-slim

# Estonian OCR data (English and French come from npm) and poppler for rasterizing scans.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr-est poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production \
    COUNTERSIGN_SKIP_TEMPORAL_INSTALL=1 \
    DATA_DIR=/data
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci --include=dev && npm cache clean --force
COPY . .
VOLUME ["/data"]
EXPOSE 3000
CMD ["node", "--import", "tsx", "runtime/main.ts"]
