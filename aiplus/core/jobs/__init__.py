"""One shape for background work. A job is a row (a subclass of `Job`) split into named steps;
each finished step's result is stored on the row, so a job picked up again (after its worker
died) skips what is done. See docs/architecture.md, "Background work"."""
