package io.edgegateway.cli;

import io.edgegateway.config.ConfigException;
import io.edgegateway.local.auth.PasswordFile;
import io.edgegateway.local.auth.PasswordFileEditor;
import io.edgegateway.local.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code passwd}: manages a Mosquitto password file like {@code mosquitto_passwd}, with the same
 * options and file format, so files work with both this gateway and Mosquitto.
 *
 * <p>Without {@code -b} the password is read from the console, twice, without echo; without a
 * console (input piped in), one line is read from standard input. Exit code 0 on success, 1 on
 * any error, with a one-line message on standard error. The password is never printed.
 */
@Command(
    name = "passwd",
    sortOptions = false,
    description = {
        "Add, update or delete a user in a Mosquitto password file (like mosquitto_passwd).",
        "Without -b the password is read from the console twice, or as one line from standard "
            + "input when there is no console."})
public final class PasswdCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;

  /** Reads a password from an interactive console without echo; null at end of input. */
  @FunctionalInterface
  interface Terminal {
    char[] readPassword(String prompt);
  }

  @Spec
  CommandSpec spec;

  @Option(names = "-c", description = "Create the password file; an existing file is overwritten.")
  boolean create;

  @Option(names = "-b", description = "Batch mode: take the password from the command line. "
      + "It is then visible to other users in the process list.")
  boolean batch;

  @Option(names = "-D", description = "Delete the user.")
  boolean delete;

  @Option(names = "-I", paramLabel = "<iterations>",
      description = "PBKDF2 iterations for the new hash (default: ${DEFAULT-VALUE}).")
  int iterations = PasswordHasher.DEFAULT_ITERATIONS;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Parameters(index = "0", paramLabel = "<passwordfile>", description = "The password file.")
  Path file;

  @Parameters(index = "1", paramLabel = "<username>", description = "The user.")
  String username;

  @Parameters(index = "2", arity = "0..1", paramLabel = "<password>",
      description = "The password, with -b only.")
  String password;

  private final Terminal terminal;
  private final InputStream stdin;

  /** Reads passwords from the system console, or from {@code System.in} without one. */
  public PasswdCommand() {
    this(systemTerminal(), System.in);
  }

  /** For tests: {@code terminal} null means there is no console. */
  PasswdCommand(Terminal terminal, InputStream stdin) {
    this.terminal = terminal;
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    try {
      checkOptions();
      PasswordFileEditor editor =
          new PasswordFileEditor(file, new PasswordHasher(iterations, new SecureRandom()));
      if (delete) {
        requireFile();
        if (!editor.delete(username)) {
          throw new Failure("user \"" + username + "\" is not in " + file);
        }
        say("Deleted user " + username);
        return OK;
      }
      if (!create) {
        requireFile();
        PasswordFile.load(file); // report a malformed file before asking for a password
      }
      byte[] secret = readPassword();
      try {
        if (create) {
          editor.create(username, secret);
          say("Adding password for user " + username);
        } else {
          PasswordFileEditor.Change change = editor.put(username, secret);
          say((change == PasswordFileEditor.Change.ADDED ? "Adding" : "Updating")
              + " password for user " + username);
        }
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      return OK;
    } catch (Failure | ConfigException | IllegalArgumentException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail("cannot update " + file + ": " + e);
    }
  }

  private void checkOptions() {
    if (create && delete) {
      throw new Failure("-c and -D cannot be used together");
    }
    if (batch && delete) {
      throw new Failure("-b and -D cannot be used together");
    }
    if (batch && password == null) {
      throw new Failure("-b needs the password as the third argument");
    }
    if (!batch && password != null) {
      throw new Failure("a password on the command line needs -b");
    }
    if (iterations < 1) {
      throw new Failure("-I: the number of iterations must be at least 1");
    }
    if (username.indexOf('\uFFFD') >= 0) {
      throw new Failure("the username could not be decoded; run with a UTF-8 locale");
    }
    PasswordFileEditor.checkUsername(username);
  }

  private void requireFile() {
    if (!Files.exists(file)) {
      throw new Failure(file + " does not exist (use -c to create it)");
    }
  }

  private byte[] readPassword() throws IOException {
    if (batch) {
      err().println("Warning: a password given with -b is visible to other users in the process "
          + "list and may be kept in the shell history.");
      err().flush();
      return decoded(password.toCharArray());
    }
    if (terminal != null) {
      char[] first = terminal.readPassword("Password: ");
      char[] second = first == null ? null : terminal.readPassword("Reenter password: ");
      try {
        if (first == null || second == null) {
          throw new Failure("no password was entered");
        }
        if (!Arrays.equals(first, second)) {
          throw new Failure("the passwords do not match");
        }
        return decoded(first);
      } finally {
        wipe(first);
        wipe(second);
      }
    }
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new Failure("no password on standard input");
    }
    return decoded(line.toCharArray());
  }

  /** UTF-8 bytes of the password; refuses text that the JVM could not decode from the locale. */
  private static byte[] decoded(char[] chars) {
    try {
      for (char c : chars) {
        if (c == '\uFFFD') {
          throw new Failure("the password could not be decoded; run with a UTF-8 locale, "
              + "or pipe the password on standard input");
        }
      }
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
      byte[] result = Arrays.copyOf(bytes.array(), bytes.limit());
      Arrays.fill(bytes.array(), (byte) 0);
      return result;
    } finally {
      wipe(chars);
    }
  }

  private static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  private int fail(String message) {
    err().println("passwd: " + message);
    err().flush();
    return FAILED;
  }

  private void say(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private static Terminal systemTerminal() {
    Console console = System.console();
    return console == null ? null : prompt -> console.readPassword("%s", prompt);
  }

  /** An error reported as one line, with exit code 1. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }
}
