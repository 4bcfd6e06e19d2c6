package dev.costflow.yaml;

/** One key of a mapping, with the position of the key itself. */
public record YEntry(String key, Position keyPos, YNode value) {}
