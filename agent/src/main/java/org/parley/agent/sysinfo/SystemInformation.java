package org.parley.agent.sysinfo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.DisplayMode;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of this computer for the technician, as the JSON of protocol README §9b: operating
 * system, processor, memory, disks, displays and network adapters. JDK only, read-only, and bounded
 * (at most {@link #MAX_ITEMS} of each list, {@link #MAX_TEXT} characters a text) so a machine with
 * hundreds of mounts or interfaces still makes one small message. Hardware addresses (MAC) are left
 * out on purpose: they identify the computer on every network it joins, and a technician does not
 * need them to see whether an adapter is up and has an address.
 */
public record SystemInformation(Os os, Cpu cpu, Memory memory, List<Disk> disks, List<Display> displays, List<Adapter> adapters) {
    public static final int MAX_ITEMS = 32;
    public static final int MAX_ADDRESSES = 8;
    public static final int MAX_TEXT = 120;
    /** Linux filesystems that are no disk: kernel views, memory, containers' plumbing, snap images. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "ramfs", "cgroup", "cgroup2",
            "securityfs", "debugfs", "tracefs", "pstore", "bpf", "mqueue", "hugetlbfs", "autofs", "fusectl", "configfs",
            "binfmt_misc", "efivarfs", "nsfs", "rpc_pipefs", "squashfs", "fuse.gvfsd-fuse", "fuse.portal", "selinuxfs",
            "nfsd", "none");

    public record Os(String name, String version, String arch) { }

    /** {@code logical}: processors the system offers to programs; {@code model} blank when unknown. */
    public record Cpu(String model, int logical) { }

    /** Bytes; 0 when the JVM cannot tell. */
    public record Memory(long total, long free) { }

    /** {@code mount}: where it is mounted (Linux, macOS) or its label (Windows); sizes in bytes. */
    public record Disk(String mount, String type, long total, long free) { }

    public record Display(int x, int y, int width, int height, int refresh) { }

    public record Adapter(String name, boolean up, List<String> addresses) { }

    /** Looks at this computer now. Each part that cannot be read is left empty rather than failing the rest. */
    public static SystemInformation collect() {
        return new SystemInformation(readOs(), readCpu(), readMemory(), readDisks(), readDisplays(), readAdapters());
    }

    /** The §9b JSON, UTF-8. */
    public byte[] json() {
        var out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("os");
            json.writeStringField("name", os.name());
            json.writeStringField("version", os.version());
            json.writeStringField("arch", os.arch());
            json.writeEndObject();
            json.writeObjectFieldStart("cpu");
            json.writeStringField("model", cpu.model());
            json.writeNumberField("logical", cpu.logical());
            json.writeEndObject();
            json.writeObjectFieldStart("memory");
            json.writeNumberField("total", memory.total());
            json.writeNumberField("free", memory.free());
            json.writeEndObject();
            json.writeArrayFieldStart("disks");
            for (Disk disk : disks) {
                json.writeStartObject();
                json.writeStringField("mount", disk.mount());
                json.writeStringField("type", disk.type());
                json.writeNumberField("total", disk.total());
                json.writeNumberField("free", disk.free());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("displays");
            for (Display display : displays) {
                json.writeStartObject();
                json.writeNumberField("x", display.x());
                json.writeNumberField("y", display.y());
                json.writeNumberField("width", display.width());
                json.writeNumberField("height", display.height());
                json.writeNumberField("refresh", display.refresh());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("adapters");
            for (Adapter adapter : adapters) {
                json.writeStartObject();
                json.writeStringField("name", adapter.name());
                json.writeBooleanField("up", adapter.up());
                json.writeArrayFieldStart("addresses");
                for (String address : adapter.addresses()) {
                    json.writeString(address);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    private static Os readOs() {
        return new Os(text(System.getProperty("os.name")), text(System.getProperty("os.version")), text(System.getProperty("os.arch")));
    }

    private static Cpu readCpu() {
        return new Cpu(text(cpuModel()), Runtime.getRuntime().availableProcessors());
    }

    // the JDK does not name the processor: Linux says it in /proc/cpuinfo, Windows in the environment
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo, StandardCharsets.UTF_8)) {
                return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst().orElse("");
            } catch (IOException | UncheckedIOException unreadable) {
                return "";
            }
        }
        String windows = System.getenv("PROCESSOR_IDENTIFIER");
        return windows == null ? "" : windows;
    }

    private static Memory readMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new Memory(os.getTotalMemorySize(), os.getFreeMemorySize());
        }
        return new Memory(0, 0);
    }

    private static List<Disk> readDisks() {
        List<Disk> disks = new ArrayList<>();
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
            if (disks.size() == MAX_ITEMS) {
                break;
            }
            try {
                long total = store.getTotalSpace();
                if (total <= 0 || PSEUDO.contains(store.type())) {
                    continue;
                }
                disks.add(new Disk(text(mount(store)), text(store.type()), total, store.getUsableSpace()));
            } catch (IOException | SecurityException unreadable) {
                // a mount we may not look at (another user's, a gone network share): not listed
            }
        }
        return Collections.unmodifiableList(disks);
    }

    // the JDK writes a store as "mount (device)" on Linux and macOS, "label (C:)" on Windows
    private static String mount(FileStore store) {
        String shown = store.toString();
        String device = " (" + store.name() + ")";
        return shown.endsWith(device) ? shown.substring(0, shown.length() - device.length()) : shown;
    }

    private static List<Display> readDisplays() {
        if (GraphicsEnvironment.isHeadless()) {
            return List.of();
        }
        List<Display> displays = new ArrayList<>();
        try {
            for (GraphicsDevice device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
                if (displays.size() == MAX_ITEMS) {
                    break;
                }
                Rectangle bounds = device.getDefaultConfiguration().getBounds();
                DisplayMode mode = device.getDisplayMode();
                int refresh = mode == null || mode.getRefreshRate() == DisplayMode.REFRESH_RATE_UNKNOWN ? 0 : mode.getRefreshRate();
                int width = mode == null ? bounds.width : mode.getWidth();
                int height = mode == null ? bounds.height : mode.getHeight();
                displays.add(new Display(bounds.x, bounds.y, width, height, refresh));
            }
        } catch (HeadlessException | InternalError noDisplay) {
            return List.of();
        }
        return Collections.unmodifiableList(displays);
    }

    private static List<Adapter> readAdapters() {
        List<Adapter> adapters = new ArrayList<>();
        try {
            for (NetworkInterface adapter : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (adapters.size() == MAX_ITEMS) {
                    break;
                }
                if (adapter.isLoopback() || adapter.isVirtual()) {
                    continue;
                }
                List<String> addresses = Collections.list(adapter.getInetAddresses()).stream().limit(MAX_ADDRESSES)
                        .map(SystemInformation::address).toList();
                adapters.add(new Adapter(text(adapter.getName()), adapter.isUp(), addresses));
            }
        } catch (SocketException | NullPointerException unreadable) {
            // no adapters to list (getNetworkInterfaces may return null when there are none)
        }
        return Collections.unmodifiableList(adapters);
    }

    // an IPv6 link-local address carries its scope after '%': the adapter's name, already shown
    private static String address(InetAddress address) {
        String host = address.getHostAddress();
        int scope = host.indexOf('%');
        return text(scope < 0 ? host : host.substring(0, scope));
    }

    /** Never null, never longer than {@link #MAX_TEXT}, no control characters: a name from the system is untrusted text. */
    static String text(String raw) {
        if (raw == null) {
            return "";
        }
        String clean = raw.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT);
    }
}
