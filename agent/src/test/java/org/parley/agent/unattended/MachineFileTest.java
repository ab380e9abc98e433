package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.access.AccessVerifier;

class MachineFileTest {
    @TempDir
    Path dir;

    @Test
    void savedOnlyForItsOwnerAndReadBackWhole() throws IOException {
        UUID id = UUID.randomUUID();
        var verifier = AccessVerifier.generate(id, "lantern quietly orbit marmalade 7 tundra", new SecureRandom());
        var file = new MachineFile(URI.create("https://parley.example.org"), id, "token-value", "Office PC", verifier);
        Path path = dir.resolve("parley-agent").resolve("machine.json");

        file.save(path);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        MachineFile loaded = MachineFile.load(path);
        assertThat(loaded.machineId()).isEqualTo(id);
        assertThat(loaded.server()).isEqualTo(URI.create("https://parley.example.org"));
        assertThat(loaded.verifier()).isEqualTo(verifier);
        assertThat(loaded.toString()).doesNotContain("token-value").doesNotContain(verifier.encodedVerifier());
    }

    @Test
    void aDamagedFileIsAClearError() throws IOException {
        Path path = dir.resolve("machine.json");
        Files.writeString(path, "{\"server\":\"https://parley.example.org\",\"machineId\":\"nope\"}");
        assertThatThrownBy(() -> MachineFile.load(path)).isInstanceOf(IOException.class).hasMessageContaining("enrol this computer again");
        Files.writeString(path, "[1,2]");
        assertThatThrownBy(() -> MachineFile.load(path)).isInstanceOf(IOException.class).hasMessageContaining("not a Parley machine file");
    }

    @Test
    void aFileTheStreamingWriterLeftIsReadAndWrittenTheSameWay() throws IOException {
        UUID id = UUID.fromString("0b7e2f3c-52d4-4b8f-9a47-3f4f3a2b1c0d");
        var verifier = AccessVerifier.generate(id, "lantern quietly orbit marmalade 7 tundra", new SecureRandom());
        // what MachineFile wrote before StrictJson, byte for byte: DefaultPrettyPrinter's layout
        String before = """
                {
                  "server" : "https://parley.example.org/sub",
                  "machineId" : "%s",
                  "token" : "token-value",
                  "name" : "Büro \\"PC\\"",
                  "salt" : "%s",
                  "verifier" : "%s"
                }""".formatted(id, verifier.encodedSalt(), verifier.encodedVerifier());
        Path path = dir.resolve("machine.json");
        Files.writeString(path, before);

        MachineFile loaded = MachineFile.load(path);

        assertThat(loaded).isEqualTo(new MachineFile(URI.create("https://parley.example.org/sub"), id, "token-value",
                "Büro \"PC\"", verifier));
        loaded.save(path);
        assertThat(Files.readString(path)).isEqualTo(before);
    }

    @Test
    void aMistypedFieldOrAFieldTwiceIsAClearError() throws IOException {
        Path path = dir.resolve("machine.json");
        Files.writeString(path, "{\"server\":\"https://parley.example.org\",\"machineId\":7}");
        assertThatThrownBy(() -> MachineFile.load(path)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Parley machine file").hasMessageContaining("machineId");
        Files.writeString(path, "{\"server\":\"https://a.example\",\"server\":\"https://b.example\"}");
        assertThatThrownBy(() -> MachineFile.load(path)).isInstanceOf(IOException.class).hasMessageContaining("Duplicate field 'server'");
    }
}
