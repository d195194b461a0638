FROM python:3.11-slim
# The Elasticsearch client's major version must match the server's (compose passes 8.x).
ARG ES_CLIENT="elasticsearch>=8.13,<10"
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir ".[postgres]" "${ES_CLIENT}"
EXPOSE 8000
CMD ["abierto", "serve", "--host", "0.0.0.0", "--port", "8000"]
