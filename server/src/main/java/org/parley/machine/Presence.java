package org.parley.machine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which machines' agents are in their relay room on this node. Counted rather than flagged: an
 * agent that reconnects joins before its old connection's leave is recorded. Callers in the room
 * do not count, so "online" means the machine itself is there.
 */
final class Presence {
    private final Map<UUID, Integer> agents = new ConcurrentHashMap<>();

    void arrived(UUID machineId) {
        agents.merge(machineId, 1, Integer::sum);
    }

    void departed(UUID machineId) {
        agents.computeIfPresent(machineId, (id, count) -> count > 1 ? count - 1 : null);
    }

    boolean online(UUID machineId) {
        return agents.containsKey(machineId);
    }
}
