package dev.clipstream.lag.compute;

/** The pipeline units one record carries. */
public record UnitValues(long clips, double videoSeconds, long videoBytes) {
}
