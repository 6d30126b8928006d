package dev.vigil.e2e;

import dev.vigil.e2e.cli.DemoRunCommand;
import dev.vigil.e2e.cli.FindingsCommand;
import dev.vigil.e2e.cli.IngestCommand;
import dev.vigil.e2e.cli.LatencyCommand;
import dev.vigil.e2e.cli.SimulateCommand;
import dev.vigil.e2e.cli.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: {@code java -jar e2e/target/e2e.jar <command> ...}. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
    description = "Vigil command line: simulate attacks, ingest logs, read findings, run the demo.",
    subcommands = {SimulateCommand.class, IngestCommand.class, FindingsCommand.class, DemoRunCommand.class,
        LatencyCommand.class, SoakCommand.class,
        CommandLine.HelpCommand.class})
public final class VigilCli {

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A configured picocli {@link CommandLine} (used by tests to run commands in-process). */
    public static CommandLine commandLine() {
        return new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                cmd.getErr().println("vigil " + cmd.getCommandName() + ": " + ex.getMessage());
                return 1;
            });
    }
}
