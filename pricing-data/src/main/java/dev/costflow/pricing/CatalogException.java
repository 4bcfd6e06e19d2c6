package dev.costflow.pricing;

/** A price catalog file or a price lookup is wrong; the message names the file, meter or region. */
public class CatalogException extends RuntimeException {
  private final String meterId;

  public CatalogException(String message) {
    super(message);
    this.meterId = null;
  }

  /** A lookup of this meter failed. */
  public CatalogException(String message, String meterId) {
    super(message);
    this.meterId = meterId;
  }

  /** The meter whose price is missing, when the problem is a lookup. */
  public java.util.Optional<String> meterId() {
    return java.util.Optional.ofNullable(meterId);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
    this.meterId = null;
  }
}
