FROM node:22-alpine
RUN [ -f /etc/os-release ] && echo ok
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "server.js"]
