FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install -g npm@10.8.2
WORKDIR /app/frontend
COPY frontend/package.json ./
RUN npm install
USER nobody
CMD ["sh", "-c", "echo ok"]
