"""Programs around the AI runtime, never imported by it: the model process
(`python -m aiplus.ai.tools.server`), the model installer, and the evaluation helpers (word error
rate, synthetic meetings) that tests and benchmarks use. The runtime (providers, services, the
local and remote adapters) sits in the package above; an import-linter contract keeps it from
depending on anything here."""
