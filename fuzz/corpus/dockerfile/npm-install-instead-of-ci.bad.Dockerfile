FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install
COPY . .
USER nobody
CMD ["sh", "-c", "echo ok"]
