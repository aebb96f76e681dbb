FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
USER nobody
CMD ["sh", "-c", "echo ok"]
