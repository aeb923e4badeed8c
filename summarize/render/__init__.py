"""Output formats. Renderers take finished `Comparison` / `Summary` objects and know nothing of
how they were computed."""
