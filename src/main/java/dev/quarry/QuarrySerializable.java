package dev.quarry;

/**
 * Marker for every message that may cross an actor boundary. Bound to Jackson CBOR in
 * reference.conf so the same protocols work between cluster nodes.
 */
public interface QuarrySerializable {}
