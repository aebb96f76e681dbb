FROM node:22-alpine
RUN npm install -g typescript @angular/cli
USER nobody
CMD ["sh", "-c", "echo ok"]
