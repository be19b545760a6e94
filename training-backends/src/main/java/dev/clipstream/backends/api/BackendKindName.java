package dev.clipstream.backends.api;

/** The kind of machine a backend simulates (or, later, fronts). */
public enum BackendKindName {
    DOJO,
    NVIDIA
}
