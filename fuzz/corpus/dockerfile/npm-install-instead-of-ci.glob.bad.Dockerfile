FROM node:22-alpine
WORKDIR /app
COPY package*.json ./
RUN npm install --omit=dev
USER nobody
CMD ["sh", "-c", "echo ok"]
