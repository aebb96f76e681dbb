FROM node:22-alpine
CMD ["node", "a.js"]
ENTRYPOINT ["tini", "--"]
CMD ["node", "server.js"]
ENTRYPOINT ["dumb-init", "--"]
