"""The data contract: the shapes of answers, documents and runs, their JSON Schemas, ids."""
