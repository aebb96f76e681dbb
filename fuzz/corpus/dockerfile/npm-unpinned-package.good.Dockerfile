FROM node:22-alpine
RUN npm install -g typescript@5.5.4 @angular/cli@18.2.1 ./local-tool
USER nobody
CMD ["sh", "-c", "echo ok"]
