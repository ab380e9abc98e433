package org.parley;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.parley.config.Config;
import org.parley.config.ConfigException;
import org.parley.db.DatabaseException;
import org.parley.mail.MailCategory;
import org.parley.mail.Newsletter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar parley-server.jar [serve | publish-policy | send-newsletter]}; configuration from PARLEY_* variables. */
@Command(name = "parley-server", mixinStandardHelpOptions = true, version = "Parley 0.1.0",
        description = "Runs the Parley server (the default), or an operator task against its database.",
        subcommands = {Main.PublishPolicy.class, Main.SendNewsletter.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        var cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("parley-server: " + e.getMessage());
                return 2;
            }
            // the environment, not the code, is at fault: say what and where, without a stack trace
            if (e instanceof DatabaseException || e instanceof PortUnavailableException) {
                cmd.getErr().println("parley-server: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** serve: runs until Ctrl-C or SIGTERM, then stops cleanly (finishing queued mail). */
    @Override
    public Integer call() throws InterruptedException {
        ParleyServer server = ParleyServer.start(Config.fromEnvironment(System.getenv()));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Parley is running at " + server.baseUrl());
        if (server.config().outboxMode()) {
            System.out.println("No SMTP configured: mail goes to " + server.config().outboxDir().toAbsolutePath().normalize()
                    + " and is listed at " + server.baseUrl() + "/dev/outbox");
        }
        stopped.await();
        return 0;
    }

    @Command(name = "publish-policy", mixinStandardHelpOptions = true,
            description = "Publishes a new privacy policy version. A material change mails every account now.")
    static final class PublishPolicy implements Callable<Integer> {
        @Option(names = "--text-file", required = true, description = "UTF-8 text of the policy")
        Path textFile;
        @Option(names = "--effective", required = true, description = "when it takes effect, ISO-8601, e.g. 2027-01-01T00:00:00Z")
        String effective;
        @Option(names = "--material", description = "a material change: accounts are mailed and must accept it")
        boolean material;

        @Override
        public Integer call() throws Exception {
            Instant effectiveAt;
            try {
                effectiveAt = Instant.parse(effective);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--effective must look like 2027-01-01T00:00:00Z, got \"" + effective + "\"");
            }
            String text = Files.readString(textFile, StandardCharsets.UTF_8);
            try (var server = ParleyServer.start(operatorConfig())) {
                var policy = server.policyPublisher().publish(effectiveAt, material, text);
                System.out.println("Published privacy policy version " + policy.version() + ", effective " + policy.effectiveAt()
                        + (material ? "; every account is being notified." : "."));
            }
            return 0;
        }
    }

    @Command(name = "send-newsletter", mixinStandardHelpOptions = true,
            description = "Sends a newsletter or offer to the accounts that opted in to it.")
    static final class SendNewsletter implements Callable<Integer> {
        @Option(names = "--subject", required = true)
        String subject;
        @Option(names = "--text-file", required = true, description = "UTF-8 plain text body")
        Path textFile;
        @Option(names = "--offers", description = "send as an offer instead of a newsletter")
        boolean offers;

        @Override
        public Integer call() throws Exception {
            var category = offers ? MailCategory.OFFERS : MailCategory.NEWSLETTER;
            String text = Files.readString(textFile, StandardCharsets.UTF_8);
            try (var server = ParleyServer.start(operatorConfig())) {
                int sent = new Newsletter(server.mailer()).send(server.accounts().accounts().marketingAudience(category),
                        category, subject, text);
                System.out.println("Queued " + sent + " mails.");
            }
            return 0;
        }
    }

    /** Operator tasks reuse the server's wiring on a private port, so they run beside a live server. */
    private static Config operatorConfig() {
        var env = new java.util.HashMap<>(System.getenv());
        env.put("PARLEY_PORT", "0");
        env.put("PARLEY_BIND", "127.0.0.1");
        return Config.fromEnvironment(env);
    }
}
