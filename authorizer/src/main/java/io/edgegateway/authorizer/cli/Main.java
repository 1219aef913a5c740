package io.edgegateway.authorizer.cli;

import io.edgegateway.authorizer.AuthorizerFunction;
import io.edgegateway.authorizer.log.DecisionLog;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code java -jar authorizer.jar invoke|serve --port N|help}: the Lambda function outside AWS, configured
 * by the same environment variables. Logs go to stderr; {@code invoke} prints only the response on stdout.
 * Exit codes: 0 done, 1 runtime failure (for example a port in use), 2 bad command line.
 */
public final class Main {
  static final String USAGE = """
            usage: java -jar authorizer.jar COMMAND
              invoke              read one custom-authorizer event (JSON) on stdin, print the response on stdout
              serve --port N      answer the Lambda Invoke API (POST /2015-03-31/functions/NAME/invocations)
                                  on 127.0.0.1:N (0: any free port; the log says which)
              help                this text
            Configuration: the Lambda environment variables (see authorizer/README.md). Logs: stderr.
            """;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    switch (args[0]) {
      case "invoke":
        if (args.length != 1) {
          err.print(USAGE);
          return 2;
        }
        return InvokeCommand.run(System.in, out, function(err));
      case "serve":
        Integer port = port(args);
        if (port == null) {
          err.print(USAGE);
          return 2;
        }
        DecisionLog log = DecisionLog.toStream(err, Clock.systemUTC());
        try {
          InvokeApiServer server = InvokeApiServer.start(port, function(err), log);
          Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "authorizer-serve-stop"));
          server.awaitStop();
          return 0;
        } catch (IOException e) {
          err.println("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
          return 1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      case "help", "--help", "-h":
        out.print(USAGE);
        return 0;
      default:
        err.print(USAGE);
        return 2;
    }
  }

  private static AuthorizerFunction function(PrintStream err) {
    return AuthorizerFunction.fromEnvironment(System.getenv(), DecisionLog.toStream(err, Clock.systemUTC()));
  }

  /** {@code serve --port N}, N from 0 to 65535; null when the arguments are anything else. */
  static Integer port(String[] args) {
    if (args.length != 3 || !args[1].equals("--port")) {
      return null;
    }
    try {
      int port = Integer.parseInt(args[2]);
      return port >= 0 && port <= 65_535 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
