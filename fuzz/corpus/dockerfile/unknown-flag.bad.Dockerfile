FROM --platfrom=linux/amd64 alpine:3.20
COPY --form=build /out /app
WORKDIR --parents /app
RUN --mnt=type=cache,target=/root/.cache pip install flask
