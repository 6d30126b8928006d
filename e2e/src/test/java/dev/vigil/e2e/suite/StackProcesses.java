package dev.vigil.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the local stack that {@code ./vigil up} started, for fault injection: each component's PID is in
 * {@code $VIGIL_HOME/run/<component>.pid} (the only processes a fault test may touch: never one it did not start,
 * never by name), and {@code ./vigil up} starts whatever is not running.
 */
final class StackProcesses {

    private StackProcesses() {
    }

    static Path root() {
        return Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
    }

    private static Path home() {
        String env = System.getenv("VIGIL_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : root().resolve(".vigil");
    }

    /**
     * SIGKILL to {@code component}'s process and its descendants, as a crash or an OOM kill would end it; returns once
     * all of them have exited (a descendant still closing its sockets resets connections instead of refusing them).
     */
    static void kill(String component) throws Exception {
        long pid = pid(component);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() ->
                new IllegalStateException(component + " (pid " + pid + ") is not running"));
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** The PID {@code ./vigil up} recorded for {@code component}. */
    static long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home().resolve("run").resolve(component + ".pid")).trim());
    }

    /**
     * Starts a second replica of {@code service} exactly as {@code ./vigil up} started the first (its command line and
     * environment, read from {@code /proc}), on HTTP port {@code port} and, for the detector, its own state folder.
     * The caller owns the process and must end it.
     */
    static Process replica(String service, int port, Path stateDir, Path log) throws IOException {
        long pid = pid(service);
        List<String> cmd = new ArrayList<>();
        for (String arg : Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0")) {
            if (!arg.isEmpty()) {
                cmd.add(arg);
            }
        }
        ProcessBuilder b = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        b.environment().clear();
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                b.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        b.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        b.environment().put("VIGIL_STATE_DIR", stateDir.toString());
        return b.start();
    }

    /** {@code ./vigil up}: starts every component that is not running and waits until each is ready. */
    static void up() throws IOException, InterruptedException {
        vigil("up");
    }

    /** Runs {@code ./vigil args...} and fails the test on a non-zero exit, with its output. */
    static void vigil(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("vigil-fault", ".log");
        String[] cmd = new String[args.length + 1];
        cmd[0] = root().resolve("vigil").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        assertThat(done).as("./vigil %s finished: %s", String.join(" ", args), Files.readString(log)).isTrue();
        assertThat(p.exitValue()).as("./vigil %s: %s", String.join(" ", args), Files.readString(log)).isZero();
    }
}
