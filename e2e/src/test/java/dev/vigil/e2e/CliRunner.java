package dev.vigil.e2e;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code vigil} command line in-process and captures what it printed on stdout. */
public final class CliRunner {
    /** Exit code and standard output of one run. */
    public record Result(int exit, String out) {
    }

    private CliRunner() {
    }

    /** Runs {@code vigil <args>} with stdout captured and stderr discarded. */
    public static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            int exit = VigilCli.commandLine().setErr(new PrintWriter(OutputStream.nullOutputStream())).execute(args);
            return new Result(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
