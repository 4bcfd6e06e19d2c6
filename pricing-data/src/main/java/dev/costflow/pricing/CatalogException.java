package dev.costflow.pricing;

/** A price catalog file or a price lookup is wrong; the message names the file, meter or region. */
public class CatalogException extends RuntimeException {
  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
