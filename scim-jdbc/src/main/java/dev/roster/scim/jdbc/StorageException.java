package dev.roster.scim.jdbc;

/**
 * A database failure that no SCIM error describes, such as a lost connection; the protocol engine
 * answers it with a 500 and logs the cause.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
