"""Import use cases from public inventories, driven by a declarative mapping file per source
(`aiplus/cases/mappings/*.toml`): a new source needs a new mapping file, not new code."""
