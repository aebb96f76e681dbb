FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt constraints.txt ./
COPY dist/x.whl /tmp/x.whl
RUN pip install --no-cache-dir -r requirements.txt 'flask>=3,<4' requests==2.32.3 uvicorn[standard]==0.30.6 /tmp/x.whl \
 && pip install --no-cache-dir -c constraints.txt gunicorn
USER nobody
CMD ["sh", "-c", "echo ok"]
