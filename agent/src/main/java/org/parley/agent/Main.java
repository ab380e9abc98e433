package org.parley.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The agent's command line: {@code java -jar parley-agent.jar <command>}, or its key window without one. */
@Command(name = "parley-agent", mixinStandardHelpOptions = true, version = "parley-agent 0.1.0",
        description = "The Parley desktop agent: shares this screen in meetings, lets a technician help you with your consent, "
                + "and keeps your own computer reachable for unattended access.",
        subcommands = {PresentCommand.class, SupportCommand.class, EnrollCommand.class, RunCommand.class, AccessCommand.class,
                CaptureTestCommand.class, TrainCommand.class})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its code. Without arguments on a display (a double-click,
     * the packaged launcher) or with only a {@code parley-support:} link, the key window asks for the
     * support key instead.
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(WindowStart.wanted(args) ? WindowStart.run(args) : commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: present, support, enroll, run, access or capture-test (--help lists them)");
    }
}
