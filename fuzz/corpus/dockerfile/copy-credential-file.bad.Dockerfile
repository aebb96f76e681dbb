FROM node:22-alpine
WORKDIR /app
COPY .npmrc package.json ./
COPY .env /app/.env
COPY id_rsa /root/.ssh/id_rsa
CMD ["node", "server.js"]
