FROM node:22-alpine AS base
CMD ["node", "a.js"]
FROM base
CMD ["node", "server.js"]
