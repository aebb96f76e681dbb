ARG NGINX_VERSION=1.25.4

FROM node:20-alpine AS assets
WORKDIR /build
COPY package*.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && ls -la dist

FROM nginx:${NGINX_VERSION}-alpine
# Remove the default site and add ours, with gzip and long-lived caching for hashed assets.
RUN rm -f /etc/nginx/conf.d/default.conf
COPY <<'EOF' /etc/nginx/conf.d/site.conf
server {
    listen       8080;
    server_name  _;
    root         /usr/share/nginx/html;
    index        index.html;

    gzip on;
    gzip_types text/plain text/css application/javascript application/json image/svg+xml;

    location ~* \.(?:js|css|woff2?|svg|png|jpg)$ {
        expires 1y;
        add_header Cache-Control "public, immutable";
    }

    location / {
        try_files $uri $uri/ /index.html;
    }
}
EOF
COPY --from=assets /build/dist /usr/share/nginx/html
RUN <<SH
set -eu
chown -R nginx:nginx /usr/share/nginx/html /var/cache/nginx /var/log/nginx
touch /var/run/nginx.pid
chown nginx:nginx /var/run/nginx.pid
SH
USER nginx
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
