"""Adapters for OpenAI-compatible model servers over HTTP."""
