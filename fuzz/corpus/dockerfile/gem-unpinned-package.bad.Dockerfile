FROM ruby:3.3-slim
RUN gem install bundler
USER nobody
CMD ["sh", "-c", "echo ok"]
