# The native one-pass search (native/, Rust) is built in its own stage, so the image that
# runs carries the wheel but no compiler. Both stages are Debian bookworm (glibc 2.36).
FROM rust:1-slim-bookworm AS native
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /maturin && /maturin/bin/pip install --no-cache-dir "maturin>=1.9.3,<2.0"
COPY native /src/native
RUN /maturin/bin/maturin build --release --locked \
    --manifest-path /src/native/Cargo.toml --out /wheels

FROM python:3.11-slim
# The Elasticsearch client's major version must match the server's (compose passes 8.x).
ARG ES_CLIENT="elasticsearch>=8.13,<10"
WORKDIR /app
COPY . /app
COPY --from=native /wheels /wheels
RUN pip install --no-cache-dir ".[postgres]" "${ES_CLIENT}" /wheels/abierto_native-*.whl
EXPOSE 8000
CMD ["abierto", "serve", "--host", "0.0.0.0", "--port", "8000"]
