# syntax=docker/dockerfile:1
# 提案通 service image: multi-stage (the compiler stays in the build stage), non-root, with a
# HEALTHCHECK. Needs MONGODB_URI at run time (the embedded database is for development).
#   docker build -t tiantong .
#   docker compose up -d            (see compose.yaml: MongoDB 7 + the service)

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc emits only .js: the console's static assets are copied beside the compiled router.
RUN npm run build && cp -r src/web/assets dist/web/assets

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    OPS_PORT=9464 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read relative to the working directory at run time: settings, directory, holidays, letter
# template (config/) and the demo proposal list (samples/, used only without WeCom settings).
COPY config ./config
COPY samples ./samples
RUN mkdir -p /data && chown node:node /data
USER node
# 3000: WeCom callbacks and the web console (public). 9464: /metrics, /healthz, /readyz (internal).
EXPOSE 3000 9464
# Liveness on the internal ops port (present whatever the ROLES); the main port if it is off.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const o=process.env.OPS_PORT;const p=o&&o!=='off'?o:(process.env.PORT||3000);fetch('http://127.0.0.1:'+p+'/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (graceful stop: see src/main/main.ts); give it the time.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main/main.js"]
