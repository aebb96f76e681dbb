FROM node:22-alpine
WORKDIR /app
COPY .env.example /app/.env.example
COPY id_rsa.pub /root/.ssh/authorized_keys
COPY --from=build /out/.env /app/defaults.env
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
CMD ["node", "server.js"]
