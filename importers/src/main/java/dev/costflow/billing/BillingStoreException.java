package dev.costflow.billing;

/** The billing store cannot be opened, read or written (locked by another process, newer schema, disk full …). */
public class BillingStoreException extends RuntimeException {
  public BillingStoreException(String message) {
    super(message);
  }

  public BillingStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
