package dev.quarry.ingest.walk;

/** Why {@link SourceReader} did not return a file's text. */
public enum SkipReason { BINARY, INVALID_UTF8, TOO_LARGE, UNREADABLE }
