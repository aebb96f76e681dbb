//! Helpers for the editing-feature tests: a cursor marker and spans drawn into the text.

use std::sync::Arc;

use dockwise_syntax::{Parse, Span};

/// Marks the cursor in test inputs.
pub const CURSOR: &str = "‸";

/// A multi-stage Dockerfile in the style of real projects, used across the feature tests.
pub const MULTI_STAGE: &str = r#"# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
ARG APP_VERSION

FROM node:${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# Build the bundle
# with the production settings
FROM deps AS build
ARG APP_VERSION
ENV NODE_ENV=production
COPY . .
RUN echo "building $APP_VERSION for $NODE_ENV" && \
    npm run build -- --version=${APP_VERSION}
RUN for f in dist/*.js; do echo $f '$APP_VERSION'; done

FROM nginx:1.27-alpine AS runtime
MAINTAINER Jane <jane@example.com>
COPY --from=build /app/dist /usr/share/nginx/html
COPY --from=0 /app/package.json /srv/
RUN --mount=type=bind,from=deps,source=/app/node_modules,target=/mnt ls /mnt
COPY <<EOF /etc/nginx/conf.d/app.conf
server { listen 8080; }
EOF
CMD ["nginx", "-g", "daemon off;"]
"#;

pub fn parse(text: &str) -> Parse {
    Parse::new(Arc::from(text))
}

/// The text without its cursor marker, and the cursor's offset.
pub fn with_cursor(marked: &str) -> (Parse, usize) {
    let offset = marked.find(CURSOR).expect("a cursor marker");
    (parse(&marked.replacen(CURSOR, "", 1)), offset)
}

/// Put the cursor before the `nth` (0-based) occurrence of `needle`, plus `shift` bytes.
pub fn cursor_at(text: &str, needle: &str, nth: usize, shift: usize) -> (Parse, usize) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .map(|(at, _)| at)
        .expect("the needle occurs")
        + shift;
    (parse(text), at)
}

/// `text` with `[` and `]` around each span (spans must not overlap).
pub fn mark(text: &str, spans: &[Span]) -> String {
    let mut spans = spans.to_vec();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push('[');
        out.push_str(&text[span.range()]);
        out.push(']');
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Spans as `line:column text`, 1-based, one per line.
pub fn list(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| {
            let before = &text[..span.start];
            let line = before.matches('\n').count() + 1;
            let column = span.start - before.rfind('\n').map_or(0, |nl| nl + 1) + 1;
            format!("{line}:{column} {}", &text[span.range()])
        })
        .collect::<Vec<_>>()
        .join("\n")
}
