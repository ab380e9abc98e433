package org.parley.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Loads, without initialising, the classes a support session needs from the agent's own jar. Done
 * while the key window waits for the person, and once at packaging time so the class-data-sharing
 * archive ({@code -XX:ArchiveClassesAtExit}) holds them already parsed and verified: after Start,
 * the session finds its classes in memory instead of reading and checking a few thousand of them.
 */
final class Classes {
    /** The agent's own code, its libraries, and the parts of Bouncy Castle the protocol's crypto uses. */
    static final List<String> SUPPORT = List.of("org/parley/", "picocli/", "com/fasterxml/jackson/core/", "com/sun/jna/",
            "org/bouncycastle/crypto/", "org/bouncycastle/math/", "org/bouncycastle/util/");

    private Classes() {
    }

    /** Loads every class under {@code prefixes} in the jar {@code loader} took this class from; returns how many. */
    static int load(ClassLoader loader, List<String> prefixes) {
        Path jar;
        try {
            jar = Path.of(Classes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return 0;
        }
        if (!Files.isRegularFile(jar)) {
            return 0; // run from a classes folder (tests): nothing to gain
        }
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.contains("module-info")
                        && prefixes.stream().anyMatch(name::startsWith)) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError optional) {
                        // a class for another platform or an absent optional library: never used here
                    }
                }
            }
        } catch (IOException e) {
            AgentLog.warn("cannot read the agent's jar to load its classes early: " + e.getMessage());
        }
        return loaded;
    }
}
