"""The edges: reading inputs, the endpoint client, the local model, output, configuration."""
