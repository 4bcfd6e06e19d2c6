package dev.costflow.cli;

/** Bad input or usage that is not about a model file: printed as is, exit code 2. */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
