# syntax=docker/dockerfile:1
# CarePact application image: one image, three entry points (api is the default CMD;
# compose runs dist/worker/main.js and dist/scripts/migrate.js from the same image).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The image ships npm 10; package.json's `allowScripts` is an npm 11 setting, so upgrade
# first to make `npm ci` run exactly the install scripts it runs on a dev machine.
RUN npm install -g npm@11
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Created here, owned by `node`, so a fresh named volume mounted on it inherits that owner.
RUN mkdir -p /var/lib/carepact/evidence && chown -R node:node /var/lib/carepact
# Application files stay root-owned: the process can read but not rewrite its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
